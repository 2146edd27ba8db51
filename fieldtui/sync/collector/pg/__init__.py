"""The collector's store in PostgreSQL (`--store postgresql://…`), through psycopg 3 and a
connection pool: several collector processes may serve one database at once."""
