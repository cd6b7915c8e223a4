"""queue: calling the next ticket as one server-side function on PostgreSQL

On an office server several counters call at once, and each call holds its groups' row locks
until it commits. Done from Python that is a dozen round trips under the lock; as one function it
is one, so eight counters calling together wait on each other for tenths of a millisecond, not
for milliseconds. The rules are the same as app/domain/queue.choose (the queue tests run them on
both databases). SQLite keeps the Python path: its writers are serialised anyway.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 14:00:00
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CALL_NEXT = r"""
CREATE OR REPLACE FUNCTION motcua_call_next(p_counter integer, p_groups text[], p_day date, p_at timestamp)
RETURNS TABLE(id integer, label varchar, group_code varchar, counter_id integer, counter_number integer,
              calls integer, status varchar, called_at timestamp)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    g record;
    c record;
    best record;
    best_group integer;
    have boolean := false;
    chosen json;
BEGIN
    IF p_groups IS NULL THEN  -- the counter's own groups, if it has chosen some
        SELECT co.queue_groups INTO chosen FROM counters co WHERE co.id = p_counter;
        IF chosen IS NOT NULL AND json_typeof(chosen) = 'array' AND json_array_length(chosen) > 0 THEN
            p_groups := ARRAY(SELECT json_array_elements_text(chosen));
        END IF;
    END IF;
    -- in id order, like every other caller: two counters never deadlock
    FOR g IN SELECT * FROM queue_groups qg WHERE qg.active AND (p_groups IS NULL OR qg.code = ANY(p_groups))
             ORDER BY qg.id FOR UPDATE LOOP
        IF g.day IS DISTINCT FROM p_day THEN  -- the day's first call: numbering and the priority run restart
            UPDATE queue_groups SET day = p_day, regular_run = 0,
                   last_number = COALESCE((SELECT max(t.number) FROM queue_tickets t
                                           WHERE t.group_id = g.id AND t.day = p_day), g.first_number - 1)
             WHERE queue_groups.id = g.id;
            g.regular_run := 0;
        END IF;
        -- a ticket transferred here comes first
        SELECT t.id, t.issued_at, t.head, t.priority INTO c FROM queue_tickets t
         WHERE t.queue_group_id = g.id AND t.day = p_day AND t.status = 'issued' AND t.head
           AND (t.for_counter_id IS NULL OR t.for_counter_id = p_counter)
         ORDER BY t.issued_at, t.id LIMIT 1;
        IF NOT FOUND THEN
            SELECT t.id, t.issued_at, t.head, t.priority INTO c FROM queue_tickets t
             WHERE t.queue_group_id = g.id AND t.day = p_day AND t.status = 'issued' AND t.priority IS NOT NULL
               AND (t.for_counter_id IS NULL OR t.for_counter_id = p_counter)
             ORDER BY t.issued_at, t.id LIMIT 1;
            IF NOT FOUND OR (g.priority_every > 0 AND g.regular_run < g.priority_every
                             AND EXISTS (SELECT 1 FROM queue_tickets t
                                          WHERE t.queue_group_id = g.id AND t.day = p_day AND t.status = 'issued'
                                            AND t.priority IS NULL
                                            AND (t.for_counter_id IS NULL OR t.for_counter_id = p_counter))) THEN
                SELECT t.id, t.issued_at, t.head, t.priority INTO c FROM queue_tickets t
                 WHERE t.queue_group_id = g.id AND t.day = p_day AND t.status = 'issued' AND t.priority IS NULL
                   AND (t.for_counter_id IS NULL OR t.for_counter_id = p_counter)
                 ORDER BY t.issued_at, t.id LIMIT 1;
                CONTINUE WHEN NOT FOUND;
            END IF;
        END IF;
        IF NOT have THEN  -- (plpgsql does not promise to stop at the first true term of an OR)
            best := c;
            best_group := g.id;
            have := true;
        ELSIF (NOT c.head, c.issued_at, c.id) < (NOT best.head, best.issued_at, best.id) THEN
            best := c;
            best_group := g.id;
        END IF;
    END LOOP;
    UPDATE queue_tickets SET status = 'done', done_at = p_at, served_at = COALESCE(served_at, called_at)
     WHERE queue_tickets.id = (SELECT t.id FROM queue_tickets t WHERE t.counter_id = p_counter
                                 AND t.status IN ('called', 'serving') ORDER BY t.id DESC LIMIT 1);
    IF NOT have THEN
        RETURN;
    END IF;
    UPDATE queue_groups SET regular_run = CASE WHEN best.priority IS NULL THEN regular_run + 1 ELSE 0 END
     WHERE queue_groups.id = best_group;
    UPDATE queue_tickets SET status = 'called', counter_id = p_counter, called_at = p_at, calls = 1, head = false,
           for_counter_id = NULL
     WHERE queue_tickets.id = best.id;
    PERFORM pg_notify('motcua_queue', '');
    RETURN QUERY SELECT t.id, t.label, qg.code, t.counter_id, co.number, t.calls, t.status, t.called_at
                   FROM queue_tickets t JOIN queue_groups qg ON qg.id = t.queue_group_id
                   JOIN counters co ON co.id = t.counter_id
                  WHERE t.id = best.id;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CALL_NEXT)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS motcua_call_next(integer, text[], date, timestamp)")
