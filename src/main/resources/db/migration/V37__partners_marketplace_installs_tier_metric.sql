-- Marketplace installs (technology partners only) join the default Preferred and Premier requirements.
-- Tiers the owner already changed are left as they are.
update partner_tiers set requirements = '{"deals_closed":3,"sourced_revenue":25000,"certified_staff":1,"marketplace_installs":25}'
 where name = 'preferred' and requirements = '{"deals_closed":3,"sourced_revenue":25000,"certified_staff":1}';
update partner_tiers set requirements = '{"deals_closed":10,"sourced_revenue":150000,"certified_staff":3,"managed_customers":5,"marketplace_installs":100}'
 where name = 'premier' and requirements = '{"deals_closed":10,"sourced_revenue":150000,"certified_staff":3,"managed_customers":5}';
