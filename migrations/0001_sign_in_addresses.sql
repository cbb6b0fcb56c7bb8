CREATE TABLE `sign_in_addresses` (
	`employee_row_id` text NOT NULL,
	`address` text NOT NULL,
	`last_success_at` integer NOT NULL,
	PRIMARY KEY(`employee_row_id`, `address`)
);
