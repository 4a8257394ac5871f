# descr.nasl: a feed-style description block.
if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.0.999001");
  script_version("2025-01-01T00:00:00+0000");
  script_name("CLI description test");
  script_category(ACT_GATHER_INFO);
  script_family("General");
  script_copyright("none");
  script_dependencies("a.nasl", "b.nasl");
  script_mandatory_keys("Host/runs_unixoide", re:"ssh/banner=OpenSSH");
  script_require_ports("Services/ssh", 22);
  script_tag(name:"summary", value:"Checks the CLI.");
  script_tag(name:"bad", value:"a|b");
  script_xref(name:"URL", value:"https://example.org/");
  script_add_preference(name:"Level", type:"entry", value:"3", id:1);
  script_add_preference(name:"Mode", type:"entry", value:"fast", id:2);
  script_add_preference(name:"Level", type:"entry", value:"4", id:3);
  display("description pass\n");
  exit(0);
}
display("normal run oid=", get_script_oid(), "\n");
display("Level=", script_get_preference("Level"), " type=", typeof(script_get_preference("Level")), "\n");
display("Mode=", script_get_preference("Mode"), "\n");
display("Unset=", typeof(script_get_preference("Unset")), "\n");
log_message(port:443, data:"with oid");
