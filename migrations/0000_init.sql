CREATE TABLE `access_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`media_type` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_codes_tenant_code` ON `access_codes` (`tenant_id`,`code`);--> statement-breakpoint
CREATE TABLE `agent_skill_queues` (
	`tenant_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`skill_queue_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`agent_id`, `skill_queue_id`)
);
--> statement-breakpoint
CREATE INDEX `asq_queue` ON `agent_skill_queues` (`skill_queue_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`employee_id` text NOT NULL,
	`platform_role` text NOT NULL,
	`agent_type` text NOT NULL,
	`phone` text,
	`intelligent_recognition` integer DEFAULT false NOT NULL,
	`smart_form_filling` integer DEFAULT false NOT NULL,
	`phone_only` integer DEFAULT false NOT NULL,
	`anonymization_flag` integer DEFAULT false NOT NULL,
	`skill_type` text NOT NULL,
	`skill_queue_group_id` text,
	`default_skill_queue_id` text,
	`max_concurrent_chats` integer DEFAULT 5 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_tenant_employee` ON `agents` (`tenant_id`,`employee_id`);--> statement-breakpoint
CREATE TABLE `called_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`ou_id` text,
	`access_code_id` text NOT NULL,
	`extension_code` text DEFAULT '' NOT NULL,
	`device_type` text NOT NULL,
	`skill_queue_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `called_routes_code_ext` ON `called_routes` (`tenant_id`,`access_code_id`,`extension_code`);--> statement-breakpoint
CREATE INDEX `called_routes_queue` ON `called_routes` (`skill_queue_id`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`access_code` text NOT NULL,
	`type` text NOT NULL,
	`route_id` text NOT NULL,
	`config` text NOT NULL,
	`third_party_auth_enabled` integer DEFAULT false NOT NULL,
	`secret_key` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_tenant_access_code` ON `channels` (`tenant_id`,`access_code`);--> statement-breakpoint
CREATE INDEX `channels_route` ON `channels` (`route_id`);--> statement-breakpoint
CREATE TABLE `chat_tickets` (
	`ticket_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`skill_queue_id` text NOT NULL,
	`subject` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversation_messages` (
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`sender` text NOT NULL,
	`sender_name` text,
	`text` text NOT NULL,
	`client_msg_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`skill_queue_id` text,
	`customer_id` text NOT NULL,
	`customer_name` text,
	`agent_employee_id` text,
	`agent_name` text,
	`outcome` text NOT NULL,
	`started_at` integer NOT NULL,
	`queued_at` integer,
	`connected_at` integer,
	`ended_at` integer NOT NULL,
	`rating` integer,
	`comment` text,
	`message_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_tenant_ended` ON `conversations` (`tenant_id`,`ended_at`);--> statement-breakpoint
CREATE INDEX `conversations_queue` ON `conversations` (`skill_queue_id`);--> statement-breakpoint
CREATE TABLE `employees` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account` text NOT NULL,
	`name` text NOT NULL,
	`employee_id` text NOT NULL,
	`role` text NOT NULL,
	`ou_id` text,
	`accessible_ous` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employees_account` ON `employees` (`account`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_tenant_employee_id` ON `employees` (`tenant_id`,`employee_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `org_units_tenant` ON `org_units` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `robots` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`access_code` text NOT NULL,
	`kind` text NOT NULL,
	`intents` text NOT NULL,
	`default_reply` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robots_tenant_access_code` ON `robots` (`tenant_id`,`access_code`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`employee_row_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_employee` ON `sessions` (`employee_row_id`);--> statement-breakpoint
CREATE TABLE `skill_queue_group_members` (
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`skill_queue_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`group_id`, `skill_queue_id`)
);
--> statement-breakpoint
CREATE INDEX `sqgm_queue` ON `skill_queue_group_members` (`skill_queue_id`);--> statement-breakpoint
CREATE TABLE `skill_queue_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skill_queue_groups_tenant_name` ON `skill_queue_groups` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `skill_queues` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`type` text NOT NULL,
	`channels` text NOT NULL,
	`ou_id` text,
	`max_waiting_time` integer NOT NULL,
	`max_call_duration` integer NOT NULL,
	`wrap_up_duration` integer NOT NULL,
	`max_calls_in_queue` integer NOT NULL,
	`queuing` text NOT NULL,
	`prompts` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skill_queues_tenant_name` ON `skill_queues` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`data_isolation` integer DEFAULT false NOT NULL,
	`intelligent_form_filling` integer DEFAULT false NOT NULL,
	`quotas` text NOT NULL,
	`calendar` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
