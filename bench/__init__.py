"""The performance benchmark (`make bench`): a large dataset on PostgreSQL, gunicorn with
production settings, load from wrk, and a bare Django view as the baseline."""
