import { sql } from "@/lib/db/pool";

/** Every row of the two organizations and their users, as one hash: any write changes it. */
export async function fingerprint(orgIds: string[], userIds: string[]): Promise<string> {
  const { rows } = await sql<{ h: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM posts x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM post_targets x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM media x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM integrations x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM invites x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM channel_sets x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM channel_set_members x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM signatures x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM channel_groups x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.integration_id) FROM channel_group_members x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM feeds x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM feed_items x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM webhook_endpoints x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM webhook_deliveries x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.integration_id) FROM channel_schedules x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM evergreen_items x WHERE organization_id = ANY($1)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM memberships x WHERE user_id = ANY($2)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM users x WHERE id = ANY($2)),
       (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM organizations x WHERE id IN (SELECT organization_id FROM memberships WHERE user_id = ANY($2)))
     )) AS h`,
    [orgIds, userIds],
  );
  return rows[0]!.h;
}
