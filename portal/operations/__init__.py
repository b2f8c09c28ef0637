"""Running the portal: the scheduler and its jobs, migrations, backups, logs."""
