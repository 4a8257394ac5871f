# module.nasl: uses the 'good' test module.
display(good_hello(), " ", good_add(a:20, b:22), "\n");
