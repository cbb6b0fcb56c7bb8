ALTER TABLE `conversation_messages` ADD `notice` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `left_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `contact` text;