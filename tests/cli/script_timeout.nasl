# A script that sets its own time limit in its description block.
if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.0.999002");
  script_name("CLI script_timeout test");
  script_family("General");
  script_timeout(1);
  exit(0);
}
while (1) {}
