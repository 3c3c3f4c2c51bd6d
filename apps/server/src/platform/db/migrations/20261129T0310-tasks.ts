// Tasks and dispatch (issue 5 §1): 12369 tips typed in by staff, enforcement teams per region, the tasks an
// officer must carry out (from a confirmed warning, a tip, another region's joint request, a random draw or a
// re-inspection) and who was assigned to each, with history: an assignment is released, never deleted.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('tips'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('phone', 'web', 'wechat', 'letter')`))
    // The reporter's identity is confidential by law: only roles with tips.reporter ever read these two.
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer')
    .addColumn('location', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tips_region').on('tips').columns(['region_code', 'received_at']).execute();

  await withId(db, db.schema.createTable('teams'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('teams_region_name', ['region_code', 'name'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('tasks'))
    .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind in ('warning', 'tip', 'joint', 'draw', 'reinspection')`))
    // The tip, draw or inspection it came from; for warnings the first one (all of them in task_warnings).
    .addColumn('source_id', 'integer')
    // The region whose officers work it (for a joint task: the receiving region).
    .addColumn('region_code', 'text', (c) => c.notNull())
    // A joint task only: the region that asked; it may follow the task but not work it.
    .addColumn('requesting_region_code', 'text')
    .addColumn('enterprise_id', 'integer')
    .addColumn('team_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'assigned', 'in_progress', 'done', 'cancelled')`))
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('normal', 'high', 'urgent')`))
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0).check(sql`escalation between 0 and 3`))
    .addColumn('escalated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('outcome', 'text')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema.createIndex('tasks_region_status').on('tasks').columns(['region_code', 'status']).execute();
  await db.schema.createIndex('tasks_requesting_region').on('tasks').columns(['requesting_region_code']).execute();
  await db.schema.createIndex('tasks_done_at').on('tasks').columns(['done_at']).execute();

  // The warnings a task gathers (several of one enterprise may join one task). Kept when the task is
  // cancelled; the service refuses a warning that is already in a task still running.
  await db.schema
    .createTable('task_warnings')
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('warning_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_warnings_pk', ['task_id', 'warning_id'])
    .execute();
  await db.schema.createIndex('task_warnings_warning').on('task_warnings').columns(['warning_id']).execute();

  await withId(db, db.schema.createTable('task_assignments'))
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('assigned_by', 'integer', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .execute();
  await db.schema.createIndex('task_assignments_task').on('task_assignments').columns(['task_id']).execute();
  await db.schema.createIndex('task_assignments_user').on('task_assignments').columns(['user_id', 'released_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
