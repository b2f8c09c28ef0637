"""Who may do what: access per route, staff accounts and sign-in, codes, limits."""
