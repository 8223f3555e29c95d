-- The campaign clock is no longer a recurring db-scheduler task (campaign/CampaignClock: each server process keeps
-- time itself and looks only when something is due); its execution row would otherwise stay behind, unresolved.
DELETE FROM scheduled_tasks WHERE task_name = 'campaign-tick';
