-- The floor's own table (created by bench/run.mjs in the benchmark's temporary D1, next to the
-- product's tables): the target of the Durable Object → D1 single-row write.
CREATE TABLE IF NOT EXISTS bench_floor_writes (
  org_id TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, id)
);
