/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_tasklist.c: cmocka tests of the tasklist parser on the real sample and fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tasklist.h"

#ifndef EXT_FIXTURES_DIR
#define EXT_FIXTURES_DIR "tests/ext/fixtures"
#endif

/* Produced by an independent reference script from the sample text
 * (separator widths), checked by hand. */
/* win2016_tasklist_svc.txt: every row, "image|pid|service,service" */
static const char *const exp_win2016[] = {
  "System Idle Process|0|",
  "System|4|",
  "smss.exe|332|",
  "csrss.exe|440|",
  "wininit.exe|544|",
  "csrss.exe|552|",
  "winlogon.exe|608|",
  "services.exe|680|",
  "lsass.exe|688|KeyIso,SamSs,VaultSvc",
  "svchost.exe|780|BrokerInfrastructure,DcomLaunch,LSM,PlugPlay,Power,SystemEventsBroker",
  "svchost.exe|840|RpcEptMapper,RpcSs",
  "dwm.exe|936|",
  "svchost.exe|964|Appinfo,CertPropSvc,DsmSvc,gpsvc,IKEEXT,iphlpsvc,lfsvc,ProfSvc,Schedule,SENS,SessionEnv,ShellHWDetection,Themes,UserManager,Winmgmt,WpnService,wuauserv",
  "svchost.exe|972|TermService",
  "svchost.exe|104|Dhcp,EventLog,lmhosts,TimeBrokerSvc",
  "svchost.exe|368|NcbService,PcaSvc,ScDeviceEnum,StorSvc,TrkWks,UALSVC,UmRdpService,WdiSystemHost,wudfsvc",
  "svchost.exe|1052|EventSystem,FontCache,LicenseManager,netprofm,nsi,W32Time,WinHttpAutoProxySvc",
  "vm3dservice.exe|1076|vm3dservice",
  "svchost.exe|1124|BFE,CoreMessagingRegistrar,DPS,MpsSvc",
  "svchost.exe|1156|CryptSvc,Dnscache,LanmanWorkstation,NlaSvc,WinRM",
  "svchost.exe|1364|Wcmsvc",
  "svchost.exe|1452|WlanSvc",
  "svchost.exe|1800|PolicyAgent",
  "spoolsv.exe|1944|Spooler",
  "svchost.exe|1332|AppHostSvc",
  "svchost.exe|1552|DiagTrack",
  "svchost.exe|1376|ftpsvc",
  "inetinfo.exe|1796|IISADMIN",
  "svchost.exe|2064|StateRepository,tiledatamodelsvc",
  "FileZilla Server.exe|2088|FileZilla Server",
  "sqlwriter.exe|2096|SQLWriter",
  "svchost.exe|2112|W3SVC,WAS",
  "vmtoolsd.exe|2140|VMTools",
  "MsMpEng.exe|2152|WinDefend",
  "VGAuthService.exe|2196|VGAuthService",
  "svchost.exe|2272|LanmanServer",
  "WindscribeService.exe|2296|WindscribeService",
  "Tomcat8.exe|2312|Tomcat8",
  "conhost.exe|2516|",
  "dllhost.exe|3384|COMSysApp",
  "sqlservr.exe|3520|MSSQL$SQLEXPRESS01",
  "sqlceip.exe|3536|SQLTELEMETRY$SQLEXPRESS01",
  "msdtc.exe|3688|MSDTC",
  "WmiPrvSE.exe|3712|",
  "WmiPrvSE.exe|4744|",
  "RuntimeBroker.exe|5008|",
  "sihost.exe|5112|",
  "svchost.exe|4340|CDPUserSvc_4d040,OneSyncSvc_4d040",
  "taskhostw.exe|4448|",
  "GoogleUpdate.exe|4564|",
  "ServerManager.exe|5816|",
  "svchost.exe|3668|SSDPSRV",
  "vm3dservice.exe|5536|",
  "vmtoolsd.exe|5956|",
  "FileZilla Server Interfac|3396|",
  "jusched.exe|2912|",
  "csrss.exe|5208|",
  "winlogon.exe|5232|",
  "dwm.exe|3864|",
  "rdpclip.exe|6300|",
  "sihost.exe|6396|",
  "svchost.exe|6404|CDPUserSvc_7b9f0,OneSyncSvc_7b9f0",
  "taskhostw.exe|6444|",
  "RuntimeBroker.exe|6568|",
  "vm3dservice.exe|7320|",
  "jusched.exe|7464|",
  "powershell.exe|7720|",
  "conhost.exe|7732|",
  "taskhostw.exe|1880|",
  "explorer.exe|1576|",
  "explorer.exe|5844|",
  "ShellExperienceHost.exe|8140|",
  "ShellExperienceHost.exe|4604|",
  "SearchUI.exe|3036|",
  "SearchUI.exe|5156|",
  "tasklist.exe|6084|",
  NULL
};

static char *
row_str (const tasklist_row *r)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s|%lld|", r->image, (long long) r->pid);
  for (size_t i = 0; i < r->n_services; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", r->services[i]);
  if (r->n_services > 0)
    assert_null (r->services[r->n_services]);
  return g_string_free (s, FALSE);
}

/* image|pid|session_name|session|mem_kb for plain listings */
static char *
plain_str (const tasklist_row *r)
{
  return g_strdup_printf ("%s|%lld|%s|%lld|%lld", r->image, (long long) r->pid,
                          r->session_name ? r->session_name : "", (long long) r->session,
                          (long long) r->mem_kb);
}

static void
assert_rows (const tasklist_result *res, const char *const *exp, gboolean plain)
{
  size_t k = 0;
  for (; k < res->n_rows; k++)
    {
      assert_non_null (exp[k]);
      char *got = plain ? plain_str (&res->rows[k]) : row_str (&res->rows[k]);
      if (strcmp (got, exp[k]) != 0)
        print_error ("row %zu (line %zu):\n  got      %s\n  expected %s\n", k,
                     res->rows[k].line_no, got, exp[k]);
      assert_string_equal (got, exp[k]);
      g_free (got);
    }
  assert_null (exp[k]);
}

static tasklist_result *
parse_fixture (const char *name)
{
  char *path = g_build_filename (EXT_FIXTURES_DIR, "tasklist", name, NULL);
  GError *err = NULL;
  tasklist_result *res = tasklist_parse_file (path, NULL, &err);
  if (res == NULL)
    print_error ("%s: %s\n", path, err ? err->message : "?");
  assert_non_null (res);
  g_free (path);
  return res;
}

static void
test_sample_win2016_svc (void **state)
{
  const char *dir = getenv ("SAMPLES_DIR");
  char *path = g_build_filename (dir ? dir : "tests/samples", "outputs",
                                 "win2016_tasklist_svc.txt", NULL);
  gchar *buf = NULL;
  gsize len = 0;
  assert_true (g_file_get_contents (path, &buf, &len, NULL));
  const char *nl = memchr (buf, '\n', len); /* skip the "# source:" line */
  assert_non_null (nl);
  tasklist_result *res = tasklist_parse (nl + 1, len - (gsize) (nl + 1 - buf), NULL);
  assert_int_equal (res->format, TASKLIST_FMT_SVC_TABLE);
  assert_true (res->has_services);
  assert_int_equal (res->n_rows, 76);
  assert_int_equal (res->n_unparsed, 0);
  assert_int_equal (res->n_duplicates, 0);
  assert_int_equal (res->n_skipped, 10); /* header, separator, 8 continuation lines */
  assert_rows (res, exp_win2016, FALSE);
  const tasklist_row *r = tasklist_find_pid (res, 964);
  assert_non_null (r);
  assert_int_equal (r->n_services, 17);
  assert_string_equal (r->services[16], "wuauserv");
  r = tasklist_find_pid (res, 3396);
  assert_string_equal (r->image, "FileZilla Server Interfac");
  assert_int_equal (r->n_services, 0);
  assert_null (r->session_name);
  assert_int_equal (r->session, -1);
  assert_int_equal (r->mem_kb, -1);
  assert_null (tasklist_find_pid (res, 99999));
  tasklist_result_free (res);
  g_free (buf);
  g_free (path);
}

static void
test_plain_tables (void **state)
{
  static const char *const exp_en[]
    = { "System Idle Process|0|Services|0|8", "System|4|Services|0|1516",
        "smss.exe|356|Services|0|1240", "svchost.exe|912|Services|0|21764",
        "explorer.exe|4480|Console|1|112008", "Microsoft.Photos.exe|7312|Console|1|1204552",
        NULL };
  static const char *const exp_de[]
    = { "System Idle Process|0|Services|0|8", "System|4|Services|0|1516",
        "svchost.exe|912|Services|0|21764", "explorer.exe|4480|Console|1|112008", NULL };
  static const char *const exp_fr[]
    = { "System Idle Process|0|Services|0|8", "System|4|Services|0|1516",
        "svchost.exe|912|Services|0|21764", NULL };
  tasklist_result *res = parse_fixture ("plain_en.txt");
  assert_int_equal (res->format, TASKLIST_FMT_TABLE);
  assert_false (res->has_services);
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp_en, TRUE);
  assert_int_equal (res->rows[0].n_services, 0);
  tasklist_result_free (res);
  res = parse_fixture ("plain_de_cp850.txt");
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp_de, TRUE);
  tasklist_result_free (res);
  res = parse_fixture ("plain_fr_utf8.txt");
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp_fr, TRUE);
  tasklist_result_free (res);
}

static void
test_csv (void **state)
{
  static const char *const exp_svc[]
    = { "System Idle Process|0|", "System|4|",
        "svchost.exe|912|BrokerInfrastructure,DcomLaunch,PlugPlay,Power",
        "svchost.exe|1088|TermService", "FileZilla Server.exe|2088|FileZilla Server",
        "sqlservr.exe|3520|MSSQL$SQLEXPRESS01", "weird \"quoted\".exe|3600|", NULL };
  static const char *const exp_es[]
    = { "System Idle Process|0|Services|0|8", "System|4|Services|0|1516",
        "svchost.exe|912|Services|0|21764", "explorer.exe|4480|Console|1|112008", NULL };
  tasklist_result *res = parse_fixture ("svc_csv.txt");
  assert_int_equal (res->format, TASKLIST_FMT_SVC_CSV);
  assert_true (res->has_services);
  assert_int_equal (res->n_unparsed, 0);
  assert_int_equal (res->n_skipped, 1);
  assert_rows (res, exp_svc, FALSE);
  tasklist_result_free (res);
  res = parse_fixture ("plain_csv_es_latin1.txt");
  assert_int_equal (res->format, TASKLIST_FMT_CSV);
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp_es, TRUE);
  tasklist_result_free (res);
}

static void
test_svc_without_header (void **state)
{
  static const char *const exp[]
    = { "System Idle Process|0|", "System|4|",
        "svchost.exe|780|BrokerInfrastructure,DcomLaunch,LSM,PlugPlay,Power,SystemEventsBroker",
        "FileZilla Server.exe|2088|FileZilla Server", "svchost.exe|1156|CryptSvc,Dnscache",
        NULL };
  tasklist_result *res = parse_fixture ("svc_nh.txt");
  assert_int_equal (res->format, TASKLIST_FMT_SVC_TABLE);
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp, FALSE);
  tasklist_result_free (res);
}

static void
test_duplicates (void **state)
{
  static const char *const exp[] = { "svchost.exe|912|RpcSs", "lsass.exe|688|KeyIso,SamSs", NULL };
  tasklist_result *res = parse_fixture ("svc_dup.txt");
  assert_int_equal (res->n_duplicates, 2);
  assert_int_equal (res->n_unparsed, 0);
  assert_rows (res, exp, FALSE);
  assert_int_equal (tasklist_find_pid (res, 688)->line_no, 6);
  tasklist_result_free (res);
}

static void
test_garbage (void **state)
{
  tasklist_result *res = parse_fixture ("garbage.bin");
  assert_int_equal (res->n_rows, 0);
  assert_true (res->n_unparsed > 0);
  assert_int_equal (res->first_unparsed_line, 1);
  tasklist_result_free (res);
  res = parse_fixture ("error_text.txt");
  assert_int_equal (res->n_rows, 0);
  assert_int_equal (res->n_unparsed, 1);
  tasklist_result_free (res);
}

static void
test_string_entry_edges (void **state)
{
  tasklist_result *res = tasklist_parse (NULL, 5, NULL);
  assert_int_equal (res->n_rows, 0);
  assert_int_equal (res->n_unparsed, 0);
  assert_null (tasklist_find_pid (res, 0));
  tasklist_result_free (res);
  tasklist_result_free (NULL);
  assert_null (tasklist_find_pid (NULL, 1));
  /* unterminated CSV quote, NUL bytes, a line that is too long */
  GString *s = g_string_new ("\"a.exe\",\"1\",\"N/A\"\n\"broken,\"2\n");
  g_string_append_len (s, "x\0y 3 N/A\n", 10);
  g_string_append (s, "b.exe 5 Svc");
  for (size_t i = 0; i < TASKLIST_MAX_LINE; i++)
    g_string_append_c (s, 'z');
  g_string_append (s, "\n\"c.exe\",\"6\",\"A,B\"");
  res = tasklist_parse (s->str, s->len, NULL);
  assert_int_equal (res->n_rows, 2);
  assert_int_equal (res->n_unparsed, 3);
  assert_string_equal (res->rows[1].image, "c.exe");
  assert_int_equal (res->rows[1].n_services, 2);
  tasklist_result_free (res);
  g_string_free (s, TRUE);
  /* row cap */
  s = g_string_new (NULL);
  for (int i = 0; i < 500; i++)
    g_string_append_printf (s, "\"p%d.exe\",\"%d\",\"N/A\"\n", i, i);
  tasklist_options opts = { .max_rows = 10 };
  res = tasklist_parse (s->str, s->len, &opts);
  assert_int_equal (res->n_rows, 10);
  assert_true (res->truncated);
  tasklist_result_free (res);
  g_string_free (s, TRUE);
  GError *err = NULL;
  assert_null (tasklist_parse_file (EXT_FIXTURES_DIR "/tasklist/nope", NULL, &err));
  assert_non_null (err);
  g_error_free (err);
  assert_string_equal (tasklist_format_name (TASKLIST_FMT_SVC_CSV), "svc-csv");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sample_win2016_svc), cmocka_unit_test (test_plain_tables),
    cmocka_unit_test (test_csv),                cmocka_unit_test (test_svc_without_header),
    cmocka_unit_test (test_duplicates),         cmocka_unit_test (test_garbage),
    cmocka_unit_test (test_string_entry_edges),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
