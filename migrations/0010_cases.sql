CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`skill_queue_id` text,
	`channel_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`agent_employee_id` text,
	`created_by_employee_id` text NOT NULL,
	`created_by_name` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`customer_name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`order_number` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cases_tenant_created` ON `cases` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_conversation` ON `cases` (`tenant_id`,`conversation_id`);