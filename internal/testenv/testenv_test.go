package testenv

import "testing"

func TestWithDatabase(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"postgres://postgres@127.0.0.1:5432/heshi_test?sslmode=disable", "postgres://postgres@127.0.0.1:5432/t1?sslmode=disable"},
		{"postgres://u:s3cret@db.example:6543/x?sslmode=require&application_name=heshi", "postgres://u:s3cret@db.example:6543/t1?sslmode=require&application_name=heshi"},
		{"postgresql://u:p%40ss@localhost/x", "postgresql://u:p%40ss@localhost/t1"},
		{"host=127.0.0.1 user=u password=pw dbname=x", "host=127.0.0.1 user=u password=pw dbname=x dbname=t1"},
	} {
		if got := withDatabase(t, c.in, "t1"); got != c.want {
			t.Errorf("withDatabase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
