ALTER TABLE "babies" ADD COLUMN "state_first_break" date;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "state_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A baby's state derived from all its visits (lib/domain firstBreak before the 6-month date, and
-- the 5-month confirmation), kept up to date by triggers so that coverage queries read two
-- columns instead of aggregating every visit. The break rule is lib/domain's (NON_BREAKING_ITEMS
-- = ors, vitamins, medicine); tests/integration/indicators-sql.test.ts holds it equal to lib/domain,
-- also after visits are changed, deleted and birth dates corrected.
CREATE OR REPLACE FUNCTION kekasihku_baby_state(p_birth date, p_baby uuid, OUT first_break date, OUT confirmed boolean)
LANGUAGE sql STABLE AS $$
  SELECT
    min(x.brk) FILTER (WHERE x.brk < (p_birth + interval '6 months')::date),
    coalesce(bool_or(x.confirms), false)
  FROM (
    SELECT
      CASE WHEN l.brk0 IS NULL THEN NULL ELSE greatest(p_birth, l.brk0) END AS brk,
      (v.confirmed_exclusive IS TRUE AND v.visit_date >= (p_birth + interval '5 months')::date) AS confirms
    FROM visits v
    CROSS JOIN LATERAL (
      SELECT least(
        CASE WHEN NOT (v.breastfed AND v.recall_items <@ ARRAY['ors','vitamins','medicine']::text[]) THEN v.visit_date END,
        CASE WHEN v.given_since_last THEN least(coalesce(v.given_since_last_date, v.visit_date), v.visit_date) END
      ) AS brk0
    ) l
    WHERE v.baby_id = p_baby
  ) x
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_refresh_baby_states(p_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  -- Naming the state columns in SET fires babies_state (below), which computes them.
  UPDATE babies SET state_first_break = NULL WHERE id = ANY (p_ids)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_visits_state_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT DISTINCT baby_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_visits_state_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT baby_id FROM old_rows UNION SELECT baby_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_visits_state_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT DISTINCT baby_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER visits_state_ins AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_visits_state_ins();
--> statement-breakpoint
CREATE TRIGGER visits_state_upd AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_visits_state_upd();
--> statement-breakpoint
CREATE TRIGGER visits_state_del AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_visits_state_del();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_babies_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT s.first_break, s.confirmed INTO NEW.state_first_break, NEW.state_confirmed FROM kekasihku_baby_state(NEW.birth_date, NEW.id) s;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Every write of a baby's birth date or state recomputes the state: it cannot be set by hand.
CREATE TRIGGER babies_state BEFORE INSERT OR UPDATE OF birth_date, state_first_break, state_confirmed ON babies FOR EACH ROW EXECUTE FUNCTION kekasihku_babies_state();
--> statement-breakpoint
UPDATE babies SET state_first_break = NULL;
