module certdesk.invalid/tools/x509verify

go 1.19
