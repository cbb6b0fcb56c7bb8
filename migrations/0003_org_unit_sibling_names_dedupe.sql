-- Sibling organization units were not unique by name before the index of the next migration.
-- Duplicates are renamed so that the index can be built: within one parent (or at the top level)
-- the oldest unit keeps its name, the later ones get " (2)", " (3)" … in creation order, cut so
-- that the name stays within 100 characters. A renamed unit that still collides with another
-- (a sibling already called "Sales (2)") gets its id as the suffix instead, which cannot collide.
CREATE TABLE `org_unit_renames` (`id` text PRIMARY KEY NOT NULL, `name` text NOT NULL);
--> statement-breakpoint
INSERT INTO `org_unit_renames` (`id`, `name`)
SELECT `id`, substr(`name`, 1, 100 - length(' (' || `rn` || ')')) || ' (' || `rn` || ')'
FROM (
  SELECT `id`, `name`, row_number() OVER (
    PARTITION BY `tenant_id`, coalesce(`parent_id`, ''), `name` ORDER BY `created_at`, `id`
  ) AS `rn`
  FROM `org_units`
)
WHERE `rn` > 1;
--> statement-breakpoint
UPDATE `org_units`
SET `name` = (SELECT `r`.`name` FROM `org_unit_renames` AS `r` WHERE `r`.`id` = `org_units`.`id`)
WHERE `id` IN (SELECT `id` FROM `org_unit_renames`);
--> statement-breakpoint
DELETE FROM `org_unit_renames`;
--> statement-breakpoint
INSERT INTO `org_unit_renames` (`id`, `name`)
SELECT `id`, substr(`name`, 1, 100 - length(' (' || `id` || ')')) || ' (' || `id` || ')'
FROM (
  SELECT `id`, `name`, row_number() OVER (
    PARTITION BY `tenant_id`, coalesce(`parent_id`, ''), `name` ORDER BY `created_at`, `id`
  ) AS `rn`
  FROM `org_units`
)
WHERE `rn` > 1;
--> statement-breakpoint
UPDATE `org_units`
SET `name` = (SELECT `r`.`name` FROM `org_unit_renames` AS `r` WHERE `r`.`id` = `org_units`.`id`)
WHERE `id` IN (SELECT `id` FROM `org_unit_renames`);
--> statement-breakpoint
DROP TABLE `org_unit_renames`;
