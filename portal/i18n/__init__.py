"""Languages: which pages speak which, and the Babel extractor for mixed files."""
