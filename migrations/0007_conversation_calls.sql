CREATE TABLE `conversation_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`skill_queue_id` text NOT NULL,
	`media` text NOT NULL,
	`agent_employee_id` text,
	`agent_name` text,
	`outcome` text NOT NULL,
	`ended_by` text,
	`placed_at` integer NOT NULL,
	`connected_at` integer,
	`ended_at` integer NOT NULL,
	`duration_seconds` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversation_calls_conversation` ON `conversation_calls` (`tenant_id`,`conversation_id`);