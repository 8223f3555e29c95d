-- A role is in use only by live API keys and by users that are not deleted (docs/decisions.md, Roles).
-- Deleted keys and deleted users keep their rows, so deleting a role clears their role_id instead of
-- being blocked by them forever; the CHECKs keep a role on every live key and every user not deleted.
-- (Versioned 2.1 so that it sorts after V2 and never collides with the next whole-numbered migration.)

ALTER TABLE api_key ALTER COLUMN role_id DROP NOT NULL;
ALTER TABLE api_key DROP CONSTRAINT api_key_team_id_role_id_fkey;
ALTER TABLE api_key ADD CONSTRAINT api_key_team_id_role_id_fkey
    FOREIGN KEY (team_id, role_id) REFERENCES role (team_id, id) ON DELETE SET NULL (role_id);
ALTER TABLE api_key ADD CONSTRAINT api_key_live_has_role CHECK (role_id IS NOT NULL OR deleted_at IS NOT NULL);

ALTER TABLE app_user ALTER COLUMN role_id DROP NOT NULL;
ALTER TABLE app_user DROP CONSTRAINT app_user_team_id_role_id_fkey;
ALTER TABLE app_user ADD CONSTRAINT app_user_team_id_role_id_fkey
    FOREIGN KEY (team_id, role_id) REFERENCES role (team_id, id) ON DELETE SET NULL (role_id);
ALTER TABLE app_user ADD CONSTRAINT app_user_not_deleted_has_role CHECK (role_id IS NOT NULL OR is_deleted);
