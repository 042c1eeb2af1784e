-- The audit log as a hash chain (docs/decisions/020-audit-chain-and-backups.md). Each row is sealed at COMMIT by a
-- deferred trigger: it locks the single chain-head row, takes the next seq, and stores
-- hash = sha256(prev_hash || canonical row). The canonical form is domain/audit/chain.ts's
-- canonicalAuditRow(); scripts/audit-verify.ts recomputes every hash with it.
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint, ADD COLUMN "prev_hash" text, ADD COLUMN "hash" text;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events" USING btree ("seq");
--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("actor_org_id", "at");
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
  "id" smallint PRIMARY KEY NOT NULL DEFAULT 1,
  "last_seq" bigint NOT NULL,
  "last_hash" text,
  CONSTRAINT "audit_chain_head_single" CHECK ("id" = 1)
);
--> statement-breakpoint
-- JSON string or null, escaped as JavaScript's JSON.stringify escapes it.
CREATE FUNCTION audit_json(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(to_json(t)::text, 'null')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_canonical(p_seq bigint, r audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '[' || concat_ws(',',
    audit_json(p_seq::text),
    audit_json(r.id::text),
    audit_json(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    audit_json(r.actor_user_id::text),
    audit_json(r.actor_org_id::text),
    audit_json(r.action),
    audit_json(r.subject_type),
    audit_json(r.subject_id),
    audit_json(r.ip),
    audit_json(r.reason),
    audit_json(r.before::text),
    audit_json(r.after::text)
  ) || ']'
$$;
--> statement-breakpoint
CREATE FUNCTION audit_chain_hash(prev text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(prev, '') || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Backfill: the rows written before the chain existed, in id order.
DO $$
DECLARE
  r audit_events;
  n bigint := 0;
  prev text := NULL;
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    h := audit_chain_hash(prev, audit_event_canonical(n, r));
    UPDATE audit_events SET seq = n, prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
  INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, n, prev);
END;
$$;
--> statement-breakpoint
-- An inserted row arrives unsealed, whatever the INSERT said.
CREATE FUNCTION audit_events_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_unsealed BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_unsealed();
--> statement-breakpoint
-- At commit, one row at a time: the head row's lock orders the chain (commit order) and is held only while committing.
CREATE FUNCTION audit_events_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
  h text;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  h := audit_chain_hash(head.last_hash, audit_event_canonical(head.last_seq + 1, NEW));
  UPDATE audit_events SET seq = head.last_seq + 1, prev_hash = head.last_hash, hash = h WHERE id = NEW.id;
  UPDATE audit_chain_head SET last_seq = head.last_seq + 1, last_hash = h WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_seal();
--> statement-breakpoint
-- Still append-only: the one UPDATE allowed is the seal itself (from the trigger, on an unsealed row, chain columns only).
DROP TRIGGER audit_events_no_update_delete ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 AND OLD.hash IS NULL
     AND (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_org_id, OLD.action, OLD.subject_type, OLD.subject_id, OLD.ip, OLD.reason, OLD.before, OLD.after)
         IS NOT DISTINCT FROM
         (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_org_id, NEW.action, NEW.subject_type, NEW.subject_id, NEW.ip, NEW.reason, NEW.before, NEW.after) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_seal_only();
--> statement-breakpoint
-- The head moves only with a seal.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head moves only with the audit log (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
