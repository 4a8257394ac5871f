# safe.nasl: safe_checks() under -s.
display("safe_checks=", safe_checks(), "\n");
