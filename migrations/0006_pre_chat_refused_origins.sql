CREATE TABLE `refused_origins` (
	`channel_id` text NOT NULL,
	`slot` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`origin` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `slot`)
);
--> statement-breakpoint
ALTER TABLE `conversations` ADD `pre_chat` text DEFAULT '[]' NOT NULL;