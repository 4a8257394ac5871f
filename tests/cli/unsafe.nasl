# unsafe.nasl: a destructive script is refused under -s.
if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.0.999002");
  script_category(ACT_DENIAL);
  exit(0);
}
display("attack!\n");
