-- docker compose: the role Slipway connects as (README "Database roles"). The owner role `slipway`
-- (POSTGRES_USER) runs the migrations and grants this role its tables.
CREATE ROLE slipway_app LOGIN PASSWORD 'slipway_app';
