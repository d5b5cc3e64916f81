CREATE TABLE "coverage_baby_months" (
	"baby_id" uuid NOT NULL,
	"month" date NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"posyandu_id" uuid NOT NULL,
	"o1_l" smallint DEFAULT 0 NOT NULL,
	"o1_p" smallint DEFAULT 0 NOT NULL,
	"o2_l" smallint DEFAULT 0 NOT NULL,
	"o2_p" smallint DEFAULT 0 NOT NULL,
	"o3_l" smallint DEFAULT 0 NOT NULL,
	"o3_p" smallint DEFAULT 0 NOT NULL,
	"o4_l" smallint DEFAULT 0 NOT NULL,
	"o4_p" smallint DEFAULT 0 NOT NULL,
	"o5_l" smallint DEFAULT 0 NOT NULL,
	"o5_p" smallint DEFAULT 0 NOT NULL,
	"recall_num" smallint DEFAULT 0 NOT NULL,
	"recall_den" smallint DEFAULT 0 NOT NULL,
	"o4_attended" smallint DEFAULT 0 NOT NULL,
	"o5_attended" smallint DEFAULT 0 NOT NULL,
	"stop_medical" smallint DEFAULT 0 NOT NULL,
	"stop_mother_absent" smallint DEFAULT 0 NOT NULL,
	"stop_low_supply" smallint DEFAULT 0 NOT NULL,
	"stop_back_to_work" smallint DEFAULT 0 NOT NULL,
	"stop_family_pressure" smallint DEFAULT 0 NOT NULL,
	"stop_baby_ill" smallint DEFAULT 0 NOT NULL,
	"stop_other" smallint DEFAULT 0 NOT NULL,
	"stop_unknown" smallint DEFAULT 0 NOT NULL,
	"curve_num_0" smallint DEFAULT 0 NOT NULL,
	"curve_num_1" smallint DEFAULT 0 NOT NULL,
	"curve_num_2" smallint DEFAULT 0 NOT NULL,
	"curve_num_3" smallint DEFAULT 0 NOT NULL,
	"curve_num_4" smallint DEFAULT 0 NOT NULL,
	"curve_num_5" smallint DEFAULT 0 NOT NULL,
	"curve_num_6" smallint DEFAULT 0 NOT NULL,
	"curve_den_0" smallint DEFAULT 0 NOT NULL,
	"curve_den_1" smallint DEFAULT 0 NOT NULL,
	"curve_den_2" smallint DEFAULT 0 NOT NULL,
	"curve_den_3" smallint DEFAULT 0 NOT NULL,
	"curve_den_4" smallint DEFAULT 0 NOT NULL,
	"curve_den_5" smallint DEFAULT 0 NOT NULL,
	"curve_den_6" smallint DEFAULT 0 NOT NULL,
	"final_exited" smallint DEFAULT 0 NOT NULL,
	"final_broken" smallint DEFAULT 0 NOT NULL,
	"final_graduated" smallint DEFAULT 0 NOT NULL,
	"final_unrecorded" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_baby_months_baby_id_month_pk" PRIMARY KEY("baby_id","month")
);
--> statement-breakpoint
CREATE TABLE "coverage_baby_windows" (
	"baby_id" uuid NOT NULL,
	"idx" smallint NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"posyandu_id" uuid NOT NULL,
	"exit_date" date,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"filled_on" date,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "coverage_baby_windows_baby_id_idx_pk" PRIMARY KEY("baby_id","idx")
);
--> statement-breakpoint
CREATE TABLE "coverage_months" (
	"puskesmas_id" uuid NOT NULL,
	"month" date NOT NULL,
	"village_id" uuid NOT NULL,
	"posyandu_id" uuid NOT NULL,
	"o1_l" integer DEFAULT 0 NOT NULL,
	"o1_p" integer DEFAULT 0 NOT NULL,
	"o2_l" integer DEFAULT 0 NOT NULL,
	"o2_p" integer DEFAULT 0 NOT NULL,
	"o3_l" integer DEFAULT 0 NOT NULL,
	"o3_p" integer DEFAULT 0 NOT NULL,
	"o4_l" integer DEFAULT 0 NOT NULL,
	"o4_p" integer DEFAULT 0 NOT NULL,
	"o5_l" integer DEFAULT 0 NOT NULL,
	"o5_p" integer DEFAULT 0 NOT NULL,
	"recall_num" integer DEFAULT 0 NOT NULL,
	"recall_den" integer DEFAULT 0 NOT NULL,
	"o4_attended" integer DEFAULT 0 NOT NULL,
	"o5_attended" integer DEFAULT 0 NOT NULL,
	"stop_medical" integer DEFAULT 0 NOT NULL,
	"stop_mother_absent" integer DEFAULT 0 NOT NULL,
	"stop_low_supply" integer DEFAULT 0 NOT NULL,
	"stop_back_to_work" integer DEFAULT 0 NOT NULL,
	"stop_family_pressure" integer DEFAULT 0 NOT NULL,
	"stop_baby_ill" integer DEFAULT 0 NOT NULL,
	"stop_other" integer DEFAULT 0 NOT NULL,
	"stop_unknown" integer DEFAULT 0 NOT NULL,
	"curve_num_0" integer DEFAULT 0 NOT NULL,
	"curve_num_1" integer DEFAULT 0 NOT NULL,
	"curve_num_2" integer DEFAULT 0 NOT NULL,
	"curve_num_3" integer DEFAULT 0 NOT NULL,
	"curve_num_4" integer DEFAULT 0 NOT NULL,
	"curve_num_5" integer DEFAULT 0 NOT NULL,
	"curve_num_6" integer DEFAULT 0 NOT NULL,
	"curve_den_0" integer DEFAULT 0 NOT NULL,
	"curve_den_1" integer DEFAULT 0 NOT NULL,
	"curve_den_2" integer DEFAULT 0 NOT NULL,
	"curve_den_3" integer DEFAULT 0 NOT NULL,
	"curve_den_4" integer DEFAULT 0 NOT NULL,
	"curve_den_5" integer DEFAULT 0 NOT NULL,
	"curve_den_6" integer DEFAULT 0 NOT NULL,
	"final_exited" integer DEFAULT 0 NOT NULL,
	"final_broken" integer DEFAULT 0 NOT NULL,
	"final_graduated" integer DEFAULT 0 NOT NULL,
	"final_unrecorded" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_months_puskesmas_id_month_village_id_posyandu_id_pk" PRIMARY KEY("puskesmas_id","month","village_id","posyandu_id")
);
--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "state_break_reason" "break_reason";--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "state_attended" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD CONSTRAINT "coverage_baby_months_baby_id_babies_id_fk" FOREIGN KEY ("baby_id") REFERENCES "public"."babies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_baby_windows" ADD CONSTRAINT "coverage_baby_windows_baby_id_babies_id_fk" FOREIGN KEY ("baby_id") REFERENCES "public"."babies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_baby_windows_to_idx" ON "coverage_baby_windows" USING btree ("puskesmas_id","window_to");--> statement-breakpoint
-- Coverage aggregates (docs/performance.md, run 3): what every baby contributes to every month
-- it can count in (coverage_baby_months, one row per baby and month from its birth month to its
-- 6-month month) and the sums per posyandu and month (coverage_months), kept by triggers so that
-- the dashboard reads about 100 posyandu x 12 months rows instead of counting every baby. The
-- rules are lib/domain's (DESIGN §3, as in db/queries/indicators.ts and dashboard.ts):
-- tests/integration/coverage-months.test.ts holds the sums equal to lib/domain, also after
-- visits, birth dates, exits, transfers, attendance and sessions change. Nothing here depends
-- on today: the parts of the dashboard that do (the curve, the status today) read complete
-- months from the sums and count only the current month live.
--
-- Journey status on day d (lib/domain journeyStatus).
CREATE OR REPLACE FUNCTION kekasihku_status_on(d date, exit_date date, six date, first_break date, confirmed boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN exit_date IS NOT NULL AND exit_date <= d AND exit_date < six THEN 'exited'
    WHEN first_break IS NOT NULL AND first_break <= d THEN 'broken'
    WHEN d < six THEN 'ongoing'
    WHEN confirmed THEN 'graduated'
    ELSE 'unrecorded' END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_n(b boolean) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN b THEN 1::smallint ELSE 0::smallint END $$;
--> statement-breakpoint
-- The baby's state now also holds the reason of its first break (the visit that gave it: one
-- with a reason first, then the earliest, then the smaller id) and whether its mother was
-- present at a session (not cancelled) that started, in the puskesmas's time zone, before the
-- 6-month date.
DROP FUNCTION IF EXISTS kekasihku_baby_state(date, uuid);
--> statement-breakpoint
CREATE FUNCTION kekasihku_baby_state(p_birth date, p_baby uuid, p_mother uuid,
  OUT first_break date, OUT confirmed boolean, OUT break_reason break_reason, OUT attended boolean)
LANGUAGE sql STABLE AS $$
  WITH x AS (
    SELECT v.id, v.visit_date, v.break_reason,
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
  ),
  fb AS (
    SELECT min(x.brk) FILTER (WHERE x.brk < (p_birth + interval '6 months')::date) AS d, coalesce(bool_or(x.confirms), false) AS c FROM x
  )
  SELECT fb.d, fb.c,
    (SELECT x.break_reason FROM x WHERE x.brk = fb.d ORDER BY (x.break_reason IS NULL), x.visit_date, x.id LIMIT 1),
    EXISTS (
      SELECT 1 FROM attendance a JOIN group_sessions gs ON gs.id = a.session_id JOIN puskesmas p ON p.id = gs.puskesmas_id
      WHERE a.mother_id = p_mother AND a.status = 'present' AND gs.status <> 'cancelled'
        AND (gs.starts_at AT TIME ZONE p.time_zone)::date < (p_birth + interval '6 months')::date
    )
  FROM fb
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_babies_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT s.first_break, s.confirmed, s.break_reason, s.attended
    INTO NEW.state_first_break, NEW.state_confirmed, NEW.state_break_reason, NEW.state_attended
    FROM kekasihku_baby_state(NEW.birth_date, NEW.id, NEW.mother_id) s;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS babies_state ON babies;
--> statement-breakpoint
-- Every write of a baby's birth date, mother or state recomputes the state: it cannot be set by hand.
CREATE TRIGGER babies_state BEFORE INSERT OR UPDATE OF birth_date, mother_id, state_first_break, state_confirmed, state_break_reason, state_attended ON babies FOR EACH ROW EXECUTE FUNCTION kekasihku_babies_state();
--> statement-breakpoint
-- What the babies p_ids contribute to each month from their birth month to their 6-month month.
CREATE OR REPLACE FUNCTION kekasihku_refresh_baby_months(p_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM coverage_baby_months WHERE baby_id = ANY (p_ids);
  INSERT INTO coverage_baby_months (baby_id, month, puskesmas_id, village_id, posyandu_id, o1_l, o1_p, o2_l, o2_p, o3_l, o3_p, o4_l, o4_p, o5_l, o5_p, recall_num, recall_den, o4_attended, o5_attended, stop_medical, stop_mother_absent, stop_low_supply, stop_back_to_work, stop_family_pressure, stop_baby_ill, stop_other, stop_unknown, curve_num_0, curve_num_1, curve_num_2, curve_num_3, curve_num_4, curve_num_5, curve_num_6, curve_den_0, curve_den_1, curve_den_2, curve_den_3, curve_den_4, curve_den_5, curve_den_6, final_exited, final_broken, final_graduated, final_unrecorded)
  WITH st AS (
    SELECT b.id, b.puskesmas_id, m.village_id, m.posyandu_id, b.sex::text AS sex, b.birth_date, b.exit_date,
      (b.birth_date + interval '6 months')::date AS six, b.state_first_break AS fb, b.state_confirmed AS conf,
      coalesce(b.state_break_reason::text, 'unknown') AS reason, b.state_attended AS att
    FROM babies b JOIN mothers m ON m.id = b.mother_id
    WHERE b.id = ANY (p_ids)
  ),
  -- Latest recall per baby and month (a visit before the 6-month date): the greatest
  -- "date, id, exclusive" key, as in db/queries/indicators.ts.
  lr AS (
    SELECT v.baby_id, date_trunc('month', v.visit_date)::date AS mf,
      max(to_char(v.visit_date, 'YYYY-MM-DD') || v.id::text
        || CASE WHEN (v.breastfed AND v.recall_items <@ ARRAY['ors','vitamins','medicine']::text[]) THEN '1' ELSE '0' END) AS k
    FROM visits v JOIN st ON st.id = v.baby_id
    WHERE v.visit_date < st.six
    GROUP BY 1, 2
  ),
  f AS (
    SELECT st.*, mo.first, mo.last, lr.k,
      kekasihku_status_on(mo.last, st.exit_date, st.six, st.fb, st.conf) <> 'exited' AS inn,
      st.six BETWEEN mo.first AND mo.last AS six_in,
      kekasihku_status_on(mo.last, st.exit_date, st.six, st.fb, st.conf) AS s_last,
      CASE WHEN lr.k IS NULL THEN NULL ELSE kekasihku_status_on(left(lr.k, 10)::date, st.exit_date, st.six, st.fb, st.conf) END AS s_latest,
      ks.d0, kekasihku_status_on(ks.d0, st.exit_date, st.six, st.fb, st.conf) AS s0,
      ks.d1, kekasihku_status_on(ks.d1, st.exit_date, st.six, st.fb, st.conf) AS s1,
      ks.d2, kekasihku_status_on(ks.d2, st.exit_date, st.six, st.fb, st.conf) AS s2,
      ks.d3, kekasihku_status_on(ks.d3, st.exit_date, st.six, st.fb, st.conf) AS s3,
      ks.d4, kekasihku_status_on(ks.d4, st.exit_date, st.six, st.fb, st.conf) AS s4,
      ks.d5, kekasihku_status_on(ks.d5, st.exit_date, st.six, st.fb, st.conf) AS s5,
      ks.d6, kekasihku_status_on(ks.d6, st.exit_date, st.six, st.fb, st.conf) AS s6
    FROM st
    CROSS JOIN LATERAL (
      SELECT g::date AS first, (g + interval '1 month' - interval '1 day')::date AS last
      FROM generate_series(date_trunc('month', st.birth_date), date_trunc('month', st.six), interval '1 month') g
    ) mo
    CROSS JOIN LATERAL (
      SELECT (st.birth_date + interval '0 months')::date AS d0, (st.birth_date + interval '1 months')::date AS d1, (st.birth_date + interval '2 months')::date AS d2, (st.birth_date + interval '3 months')::date AS d3, (st.birth_date + interval '4 months')::date AS d4, (st.birth_date + interval '5 months')::date AS d5, (st.birth_date + interval '6 months')::date AS d6
    ) ks
    LEFT JOIN lr ON lr.baby_id = st.id AND lr.mf = mo.first
  )
  SELECT f.id, f.first, f.puskesmas_id, f.village_id, f.posyandu_id,
    kekasihku_n(f.inn AND f.s_latest = 'ongoing' AND f.sex = 'L'),
    kekasihku_n(f.inn AND f.s_latest = 'ongoing' AND f.sex = 'P'),
    kekasihku_n(f.inn AND f.s_latest = 'broken' AND f.sex = 'L'),
    kekasihku_n(f.inn AND f.s_latest = 'broken' AND f.sex = 'P'),
    kekasihku_n(f.inn AND f.k IS NULL AND f.six > f.first AND f.sex = 'L'),
    kekasihku_n(f.inn AND f.k IS NULL AND f.six > f.first AND f.sex = 'P'),
    kekasihku_n(f.inn AND f.six_in AND f.sex = 'L'),
    kekasihku_n(f.inn AND f.six_in AND f.sex = 'P'),
    kekasihku_n(f.inn AND f.six_in AND f.s_last = 'graduated' AND f.sex = 'L'),
    kekasihku_n(f.inn AND f.six_in AND f.s_last = 'graduated' AND f.sex = 'P'),
    kekasihku_n(f.inn AND f.k IS NOT NULL AND right(f.k, 1) = '1'),
    kekasihku_n(f.inn AND f.k IS NOT NULL),
    kekasihku_n(f.inn AND f.six_in AND f.att),
    kekasihku_n(f.inn AND f.six_in AND f.s_last = 'graduated' AND f.att),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'medical'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'mother_absent'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'low_supply'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'back_to_work'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'family_pressure'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'baby_ill'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'other'),
    kekasihku_n(f.fb BETWEEN f.first AND f.last AND f.reason = 'unknown'),
    kekasihku_n(date_trunc('month', f.d0)::date = f.first AND f.s0 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d1)::date = f.first AND f.s1 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d2)::date = f.first AND f.s2 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d3)::date = f.first AND f.s3 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d4)::date = f.first AND f.s4 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d5)::date = f.first AND f.s5 = 'ongoing'),
    kekasihku_n(date_trunc('month', f.d6)::date = f.first AND f.s6 = 'graduated'),
    kekasihku_n(date_trunc('month', f.d0)::date = f.first AND f.s0 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d1)::date = f.first AND f.s1 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d2)::date = f.first AND f.s2 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d3)::date = f.first AND f.s3 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d4)::date = f.first AND f.s4 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d5)::date = f.first AND f.s5 <> 'exited'),
    kekasihku_n(date_trunc('month', f.d6)::date = f.first AND f.s6 <> 'exited'),
    kekasihku_n(f.six_in AND f.s6 = 'exited'),
    kekasihku_n(f.six_in AND f.s6 = 'broken'),
    kekasihku_n(f.six_in AND f.s6 = 'graduated'),
    kekasihku_n(f.six_in AND f.s6 = 'unrecorded')
  FROM f
$$;
--> statement-breakpoint
-- A baby's visit windows with the visit that filled each (lib/domain datedWindows and
-- assignVisits): visits in date order; a visit fills the window its date falls in if still
-- unfilled (on time), else the earliest unfilled window that closed before it (late), else none.
CREATE OR REPLACE FUNCTION kekasihku_baby_windows(p_birth date, p_dates date[], p_windows jsonb,
  OUT idx smallint, OUT w_from date, OUT w_to date, OUT filled date, OUT late boolean) RETURNS SETOF record
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  n int := jsonb_array_length(p_windows);
  last_day date := (p_birth + interval '6 months')::date - 1;
  froms date[]; tos date[]; fills date[]; lates boolean[];
  d date; i int; own int;
BEGIN
  FOR i IN 1..n LOOP
    froms[i] := p_birth + (p_windows -> (i - 1) ->> 'fromDay')::int;
    tos[i] := CASE WHEN (p_windows -> (i - 1) ->> 'toDay') IS NULL THEN last_day
      ELSE least(p_birth + (p_windows -> (i - 1) ->> 'toDay')::int, last_day) END;
  END LOOP;
  FOREACH d IN ARRAY coalesce((SELECT array_agg(x ORDER BY x) FROM unnest(p_dates) x), '{}'::date[]) LOOP
    own := NULL;
    FOR i IN 1..n LOOP
      IF froms[i] <= d AND d <= tos[i] THEN own := i; EXIT; END IF;
    END LOOP;
    IF own IS NOT NULL AND fills[own] IS NULL THEN
      fills[own] := d; lates[own] := false;
      CONTINUE;
    END IF;
    FOR i IN 1..n LOOP
      IF fills[i] IS NULL AND tos[i] < d THEN fills[i] := d; lates[i] := true; EXIT; END IF;
    END LOOP;
  END LOOP;
  FOR i IN 1..n LOOP
    idx := i - 1; w_from := froms[i]; w_to := tos[i]; filled := fills[i]; late := coalesce(lates[i], false);
    RETURN NEXT;
  END LOOP;
END $f$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_refresh_baby_windows(p_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM coverage_baby_windows WHERE baby_id = ANY (p_ids);
  INSERT INTO coverage_baby_windows (baby_id, idx, puskesmas_id, village_id, posyandu_id, exit_date, window_from, window_to, filled_on, late)
  SELECT b.id, w.idx, b.puskesmas_id, m.village_id, m.posyandu_id, b.exit_date, w.w_from, w.w_to, w.filled, w.late
  FROM babies b JOIN mothers m ON m.id = b.mother_id JOIN puskesmas p ON p.id = b.puskesmas_id
  CROSS JOIN LATERAL kekasihku_baby_windows(b.birth_date,
    ARRAY(SELECT v.visit_date FROM visits v WHERE v.baby_id = b.id),
    -- lib/domain DEFAULT_VISIT_WINDOWS when the puskesmas has no setting of its own.
    CASE WHEN jsonb_typeof(p.visit_windows) = 'array' AND jsonb_array_length(p.visit_windows) > 0 THEN p.visit_windows
      ELSE '[{"fromDay":3,"toDay":7},{"fromDay":8,"toDay":28},{"fromDay":29,"toDay":59},{"fromDay":60,"toDay":89},{"fromDay":90,"toDay":119},{"fromDay":120,"toDay":149},{"fromDay":150,"toDay":null}]'::jsonb END) w
  WHERE b.id = ANY (p_ids)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_refresh_baby_states(p_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  -- Naming the state columns in SET fires babies_state, which computes them; the update then
  -- fires babies_months_upd, which recomputes the babies' months.
  UPDATE babies SET state_first_break = NULL WHERE id = ANY (p_ids)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_babies_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_months(ARRAY(SELECT id FROM new_rows));
  PERFORM kekasihku_refresh_baby_windows(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER babies_months_ins AFTER INSERT ON babies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_babies_months();
--> statement-breakpoint
CREATE TRIGGER babies_months_upd AFTER UPDATE ON babies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_babies_months();
--> statement-breakpoint
-- A mother moved to another village or posyandu: her babies count there, in every month.
CREATE OR REPLACE FUNCTION kekasihku_mothers_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_months(ids), kekasihku_refresh_baby_windows(ids)
  FROM (SELECT ARRAY(
    SELECT b.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN babies b ON b.mother_id = n.id
    WHERE (o.village_id, o.posyandu_id, o.puskesmas_id) IS DISTINCT FROM (n.village_id, n.posyandu_id, n.puskesmas_id)) AS ids) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER mothers_months_upd AFTER UPDATE ON mothers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_mothers_months();
--> statement-breakpoint
-- Attendance recorded, changed or removed: the mother's babies' "attended" state.
CREATE OR REPLACE FUNCTION kekasihku_attendance_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT b.id FROM babies b WHERE b.mother_id IN (SELECT mother_id FROM new_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_attendance_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT b.id FROM babies b WHERE b.mother_id IN (SELECT mother_id FROM new_rows UNION SELECT mother_id FROM old_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_attendance_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(SELECT b.id FROM babies b WHERE b.mother_id IN (SELECT mother_id FROM old_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendance_state_ins AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_attendance_ins();
--> statement-breakpoint
CREATE TRIGGER attendance_state_upd AFTER UPDATE ON attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_attendance_upd();
--> statement-breakpoint
CREATE TRIGGER attendance_state_del AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_attendance_del();
--> statement-breakpoint
-- A session cancelled, reopened or moved in time (deleting one deletes its attendance, above).
CREATE OR REPLACE FUNCTION kekasihku_sessions_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(
    SELECT b.id FROM babies b WHERE b.mother_id IN (
      SELECT a.mother_id FROM attendance a JOIN new_rows n ON n.id = a.session_id JOIN old_rows o ON o.id = n.id
      WHERE (o.status, o.starts_at, o.puskesmas_id) IS DISTINCT FROM (n.status, n.starts_at, n.puskesmas_id))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER group_sessions_state_upd AFTER UPDATE ON group_sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_sessions_upd();
--> statement-breakpoint
-- The puskesmas's time zone decides the day a session started on; its window setting, the windows.
CREATE OR REPLACE FUNCTION kekasihku_puskesmas_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kekasihku_refresh_baby_states(ARRAY(
    SELECT b.id FROM babies b JOIN mothers m ON m.id = b.mother_id
    WHERE m.id IN (
      SELECT a.mother_id FROM attendance a JOIN group_sessions gs ON gs.id = a.session_id
      JOIN new_rows n ON n.id = gs.puskesmas_id JOIN old_rows o ON o.id = n.id
      WHERE o.time_zone IS DISTINCT FROM n.time_zone)));
  -- The visit windows setting decides every baby's windows.
  PERFORM kekasihku_refresh_baby_windows(ARRAY(
    SELECT b.id FROM babies b JOIN new_rows n ON n.id = b.puskesmas_id JOIN old_rows o ON o.id = n.id
    WHERE o.visit_windows IS DISTINCT FROM n.visit_windows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER puskesmas_state_upd AFTER UPDATE ON puskesmas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_puskesmas_upd();
--> statement-breakpoint
-- The sums per posyandu and month follow every change of coverage_baby_months (lock order:
-- the key order, so that concurrent writers wait instead of deadlocking).
CREATE OR REPLACE FUNCTION kekasihku_coverage_months_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_months AS c (puskesmas_id, month, village_id, posyandu_id, o1_l, o1_p, o2_l, o2_p, o3_l, o3_p, o4_l, o4_p, o5_l, o5_p, recall_num, recall_den, o4_attended, o5_attended, stop_medical, stop_mother_absent, stop_low_supply, stop_back_to_work, stop_family_pressure, stop_baby_ill, stop_other, stop_unknown, curve_num_0, curve_num_1, curve_num_2, curve_num_3, curve_num_4, curve_num_5, curve_num_6, curve_den_0, curve_den_1, curve_den_2, curve_den_3, curve_den_4, curve_den_5, curve_den_6, final_exited, final_broken, final_graduated, final_unrecorded)
  SELECT puskesmas_id, month, village_id, posyandu_id, sum(r.o1_l), sum(r.o1_p), sum(r.o2_l), sum(r.o2_p), sum(r.o3_l), sum(r.o3_p), sum(r.o4_l), sum(r.o4_p), sum(r.o5_l), sum(r.o5_p), sum(r.recall_num), sum(r.recall_den), sum(r.o4_attended), sum(r.o5_attended), sum(r.stop_medical), sum(r.stop_mother_absent), sum(r.stop_low_supply), sum(r.stop_back_to_work), sum(r.stop_family_pressure), sum(r.stop_baby_ill), sum(r.stop_other), sum(r.stop_unknown), sum(r.curve_num_0), sum(r.curve_num_1), sum(r.curve_num_2), sum(r.curve_num_3), sum(r.curve_num_4), sum(r.curve_num_5), sum(r.curve_num_6), sum(r.curve_den_0), sum(r.curve_den_1), sum(r.curve_den_2), sum(r.curve_den_3), sum(r.curve_den_4), sum(r.curve_den_5), sum(r.curve_den_6), sum(r.final_exited), sum(r.final_broken), sum(r.final_graduated), sum(r.final_unrecorded)
  FROM new_rows r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (puskesmas_id, month, village_id, posyandu_id) DO UPDATE SET
    o1_l = c.o1_l + excluded.o1_l, o1_p = c.o1_p + excluded.o1_p, o2_l = c.o2_l + excluded.o2_l, o2_p = c.o2_p + excluded.o2_p, o3_l = c.o3_l + excluded.o3_l, o3_p = c.o3_p + excluded.o3_p, o4_l = c.o4_l + excluded.o4_l, o4_p = c.o4_p + excluded.o4_p, o5_l = c.o5_l + excluded.o5_l, o5_p = c.o5_p + excluded.o5_p, recall_num = c.recall_num + excluded.recall_num, recall_den = c.recall_den + excluded.recall_den, o4_attended = c.o4_attended + excluded.o4_attended, o5_attended = c.o5_attended + excluded.o5_attended, stop_medical = c.stop_medical + excluded.stop_medical, stop_mother_absent = c.stop_mother_absent + excluded.stop_mother_absent, stop_low_supply = c.stop_low_supply + excluded.stop_low_supply, stop_back_to_work = c.stop_back_to_work + excluded.stop_back_to_work, stop_family_pressure = c.stop_family_pressure + excluded.stop_family_pressure, stop_baby_ill = c.stop_baby_ill + excluded.stop_baby_ill, stop_other = c.stop_other + excluded.stop_other, stop_unknown = c.stop_unknown + excluded.stop_unknown, curve_num_0 = c.curve_num_0 + excluded.curve_num_0, curve_num_1 = c.curve_num_1 + excluded.curve_num_1, curve_num_2 = c.curve_num_2 + excluded.curve_num_2, curve_num_3 = c.curve_num_3 + excluded.curve_num_3, curve_num_4 = c.curve_num_4 + excluded.curve_num_4, curve_num_5 = c.curve_num_5 + excluded.curve_num_5, curve_num_6 = c.curve_num_6 + excluded.curve_num_6, curve_den_0 = c.curve_den_0 + excluded.curve_den_0, curve_den_1 = c.curve_den_1 + excluded.curve_den_1, curve_den_2 = c.curve_den_2 + excluded.curve_den_2, curve_den_3 = c.curve_den_3 + excluded.curve_den_3, curve_den_4 = c.curve_den_4 + excluded.curve_den_4, curve_den_5 = c.curve_den_5 + excluded.curve_den_5, curve_den_6 = c.curve_den_6 + excluded.curve_den_6, final_exited = c.final_exited + excluded.final_exited, final_broken = c.final_broken + excluded.final_broken, final_graduated = c.final_graduated + excluded.final_graduated, final_unrecorded = c.final_unrecorded + excluded.final_unrecorded;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_coverage_months_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_months AS c (puskesmas_id, month, village_id, posyandu_id, o1_l, o1_p, o2_l, o2_p, o3_l, o3_p, o4_l, o4_p, o5_l, o5_p, recall_num, recall_den, o4_attended, o5_attended, stop_medical, stop_mother_absent, stop_low_supply, stop_back_to_work, stop_family_pressure, stop_baby_ill, stop_other, stop_unknown, curve_num_0, curve_num_1, curve_num_2, curve_num_3, curve_num_4, curve_num_5, curve_num_6, curve_den_0, curve_den_1, curve_den_2, curve_den_3, curve_den_4, curve_den_5, curve_den_6, final_exited, final_broken, final_graduated, final_unrecorded)
  SELECT puskesmas_id, month, village_id, posyandu_id, sum(-r.o1_l), sum(-r.o1_p), sum(-r.o2_l), sum(-r.o2_p), sum(-r.o3_l), sum(-r.o3_p), sum(-r.o4_l), sum(-r.o4_p), sum(-r.o5_l), sum(-r.o5_p), sum(-r.recall_num), sum(-r.recall_den), sum(-r.o4_attended), sum(-r.o5_attended), sum(-r.stop_medical), sum(-r.stop_mother_absent), sum(-r.stop_low_supply), sum(-r.stop_back_to_work), sum(-r.stop_family_pressure), sum(-r.stop_baby_ill), sum(-r.stop_other), sum(-r.stop_unknown), sum(-r.curve_num_0), sum(-r.curve_num_1), sum(-r.curve_num_2), sum(-r.curve_num_3), sum(-r.curve_num_4), sum(-r.curve_num_5), sum(-r.curve_num_6), sum(-r.curve_den_0), sum(-r.curve_den_1), sum(-r.curve_den_2), sum(-r.curve_den_3), sum(-r.curve_den_4), sum(-r.curve_den_5), sum(-r.curve_den_6), sum(-r.final_exited), sum(-r.final_broken), sum(-r.final_graduated), sum(-r.final_unrecorded)
  FROM old_rows r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (puskesmas_id, month, village_id, posyandu_id) DO UPDATE SET
    o1_l = c.o1_l + excluded.o1_l, o1_p = c.o1_p + excluded.o1_p, o2_l = c.o2_l + excluded.o2_l, o2_p = c.o2_p + excluded.o2_p, o3_l = c.o3_l + excluded.o3_l, o3_p = c.o3_p + excluded.o3_p, o4_l = c.o4_l + excluded.o4_l, o4_p = c.o4_p + excluded.o4_p, o5_l = c.o5_l + excluded.o5_l, o5_p = c.o5_p + excluded.o5_p, recall_num = c.recall_num + excluded.recall_num, recall_den = c.recall_den + excluded.recall_den, o4_attended = c.o4_attended + excluded.o4_attended, o5_attended = c.o5_attended + excluded.o5_attended, stop_medical = c.stop_medical + excluded.stop_medical, stop_mother_absent = c.stop_mother_absent + excluded.stop_mother_absent, stop_low_supply = c.stop_low_supply + excluded.stop_low_supply, stop_back_to_work = c.stop_back_to_work + excluded.stop_back_to_work, stop_family_pressure = c.stop_family_pressure + excluded.stop_family_pressure, stop_baby_ill = c.stop_baby_ill + excluded.stop_baby_ill, stop_other = c.stop_other + excluded.stop_other, stop_unknown = c.stop_unknown + excluded.stop_unknown, curve_num_0 = c.curve_num_0 + excluded.curve_num_0, curve_num_1 = c.curve_num_1 + excluded.curve_num_1, curve_num_2 = c.curve_num_2 + excluded.curve_num_2, curve_num_3 = c.curve_num_3 + excluded.curve_num_3, curve_num_4 = c.curve_num_4 + excluded.curve_num_4, curve_num_5 = c.curve_num_5 + excluded.curve_num_5, curve_num_6 = c.curve_num_6 + excluded.curve_num_6, curve_den_0 = c.curve_den_0 + excluded.curve_den_0, curve_den_1 = c.curve_den_1 + excluded.curve_den_1, curve_den_2 = c.curve_den_2 + excluded.curve_den_2, curve_den_3 = c.curve_den_3 + excluded.curve_den_3, curve_den_4 = c.curve_den_4 + excluded.curve_den_4, curve_den_5 = c.curve_den_5 + excluded.curve_den_5, curve_den_6 = c.curve_den_6 + excluded.curve_den_6, final_exited = c.final_exited + excluded.final_exited, final_broken = c.final_broken + excluded.final_broken, final_graduated = c.final_graduated + excluded.final_graduated, final_unrecorded = c.final_unrecorded + excluded.final_unrecorded;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kekasihku_coverage_months_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_months AS c (puskesmas_id, month, village_id, posyandu_id, o1_l, o1_p, o2_l, o2_p, o3_l, o3_p, o4_l, o4_p, o5_l, o5_p, recall_num, recall_den, o4_attended, o5_attended, stop_medical, stop_mother_absent, stop_low_supply, stop_back_to_work, stop_family_pressure, stop_baby_ill, stop_other, stop_unknown, curve_num_0, curve_num_1, curve_num_2, curve_num_3, curve_num_4, curve_num_5, curve_num_6, curve_den_0, curve_den_1, curve_den_2, curve_den_3, curve_den_4, curve_den_5, curve_den_6, final_exited, final_broken, final_graduated, final_unrecorded)
  SELECT puskesmas_id, month, village_id, posyandu_id, sum(r.sg * r.o1_l), sum(r.sg * r.o1_p), sum(r.sg * r.o2_l), sum(r.sg * r.o2_p), sum(r.sg * r.o3_l), sum(r.sg * r.o3_p), sum(r.sg * r.o4_l), sum(r.sg * r.o4_p), sum(r.sg * r.o5_l), sum(r.sg * r.o5_p), sum(r.sg * r.recall_num), sum(r.sg * r.recall_den), sum(r.sg * r.o4_attended), sum(r.sg * r.o5_attended), sum(r.sg * r.stop_medical), sum(r.sg * r.stop_mother_absent), sum(r.sg * r.stop_low_supply), sum(r.sg * r.stop_back_to_work), sum(r.sg * r.stop_family_pressure), sum(r.sg * r.stop_baby_ill), sum(r.sg * r.stop_other), sum(r.sg * r.stop_unknown), sum(r.sg * r.curve_num_0), sum(r.sg * r.curve_num_1), sum(r.sg * r.curve_num_2), sum(r.sg * r.curve_num_3), sum(r.sg * r.curve_num_4), sum(r.sg * r.curve_num_5), sum(r.sg * r.curve_num_6), sum(r.sg * r.curve_den_0), sum(r.sg * r.curve_den_1), sum(r.sg * r.curve_den_2), sum(r.sg * r.curve_den_3), sum(r.sg * r.curve_den_4), sum(r.sg * r.curve_den_5), sum(r.sg * r.curve_den_6), sum(r.sg * r.final_exited), sum(r.sg * r.final_broken), sum(r.sg * r.final_graduated), sum(r.sg * r.final_unrecorded)
  FROM (SELECT 1 AS sg, * FROM new_rows UNION ALL SELECT -1 AS sg, * FROM old_rows) r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (puskesmas_id, month, village_id, posyandu_id) DO UPDATE SET
    o1_l = c.o1_l + excluded.o1_l, o1_p = c.o1_p + excluded.o1_p, o2_l = c.o2_l + excluded.o2_l, o2_p = c.o2_p + excluded.o2_p, o3_l = c.o3_l + excluded.o3_l, o3_p = c.o3_p + excluded.o3_p, o4_l = c.o4_l + excluded.o4_l, o4_p = c.o4_p + excluded.o4_p, o5_l = c.o5_l + excluded.o5_l, o5_p = c.o5_p + excluded.o5_p, recall_num = c.recall_num + excluded.recall_num, recall_den = c.recall_den + excluded.recall_den, o4_attended = c.o4_attended + excluded.o4_attended, o5_attended = c.o5_attended + excluded.o5_attended, stop_medical = c.stop_medical + excluded.stop_medical, stop_mother_absent = c.stop_mother_absent + excluded.stop_mother_absent, stop_low_supply = c.stop_low_supply + excluded.stop_low_supply, stop_back_to_work = c.stop_back_to_work + excluded.stop_back_to_work, stop_family_pressure = c.stop_family_pressure + excluded.stop_family_pressure, stop_baby_ill = c.stop_baby_ill + excluded.stop_baby_ill, stop_other = c.stop_other + excluded.stop_other, stop_unknown = c.stop_unknown + excluded.stop_unknown, curve_num_0 = c.curve_num_0 + excluded.curve_num_0, curve_num_1 = c.curve_num_1 + excluded.curve_num_1, curve_num_2 = c.curve_num_2 + excluded.curve_num_2, curve_num_3 = c.curve_num_3 + excluded.curve_num_3, curve_num_4 = c.curve_num_4 + excluded.curve_num_4, curve_num_5 = c.curve_num_5 + excluded.curve_num_5, curve_num_6 = c.curve_num_6 + excluded.curve_num_6, curve_den_0 = c.curve_den_0 + excluded.curve_den_0, curve_den_1 = c.curve_den_1 + excluded.curve_den_1, curve_den_2 = c.curve_den_2 + excluded.curve_den_2, curve_den_3 = c.curve_den_3 + excluded.curve_den_3, curve_den_4 = c.curve_den_4 + excluded.curve_den_4, curve_den_5 = c.curve_den_5 + excluded.curve_den_5, curve_den_6 = c.curve_den_6 + excluded.curve_den_6, final_exited = c.final_exited + excluded.final_exited, final_broken = c.final_broken + excluded.final_broken, final_graduated = c.final_graduated + excluded.final_graduated, final_unrecorded = c.final_unrecorded + excluded.final_unrecorded;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_baby_months_ins AFTER INSERT ON coverage_baby_months REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_coverage_months_ins();
--> statement-breakpoint
CREATE TRIGGER coverage_baby_months_del AFTER DELETE ON coverage_baby_months REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_coverage_months_del();
--> statement-breakpoint
CREATE TRIGGER coverage_baby_months_upd AFTER UPDATE ON coverage_baby_months REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kekasihku_coverage_months_upd();
--> statement-breakpoint
-- Existing babies: their state (reason, attended), their months and their windows.
UPDATE babies SET state_first_break = NULL;
