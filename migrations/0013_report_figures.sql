ALTER TABLE `conversations` ADD `wait_ms` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_ms` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `handle_ms` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `transfers` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `robot_turns` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_report` ON `conversations` (`tenant_id`,`started_at`,`skill_queue_id`,`agent_employee_id`,`outcome`,`queued_at`,`connected_at`,`wait_ms`,`answered_at`,`first_response_ms`,`handle_ms`,`transfers`,`robot_turns`,`rating`);