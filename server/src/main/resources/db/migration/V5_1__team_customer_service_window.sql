-- whatsapp.md §2.2, §8: a team may turn off OpenChakra's own 24-hour window check (Meta still applies its own).
ALTER TABLE team ADD COLUMN enforce_customer_service_window boolean NOT NULL DEFAULT true;
