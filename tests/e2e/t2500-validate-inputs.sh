#!/usr/bin/env bash
# validate on fixture repos with each class of input mistake: a missing
# required input, a misspelled input, a reference to a missing output and a
# module directory that does not exist.  Every problem names stack.yaml:L:C
# and, as a note, where the module declares the variable or output.
. "$(dirname "$0")/lib.sh"

# fixture NAME: a fresh copy of tests/fixtures/validate/NAME in ./NAME.
fixture() {
	rm -rf "$1"
	cp -r "$FIXTURES/validate/$1" "$1"
}

test_case "a consistent repository passes, exit 0" <<'EOS'
fixture ok
mds -C ok validate >out 2>err
test_cmp /dev/null out
contains err "consistent"
EOS

test_case "-q silences the summary of a passing run" <<'EOS'
fixture ok
mds -q -C ok validate >out 2>err
test_cmp /dev/null out
test_cmp /dev/null err
EOS

test_case "a missing required input, in one environment and in all" <<'EOS'
fixture missing-input
must_fail 1 mds -C missing-input validate >out 2>err
cat >expect <<'EOF'
stack.yaml:11:5: error: component 'store': missing required input 'replicas' (environment: dev)
terraform/modules/store/variables.tf:1:1: note: variable 'replicas' is declared here without a default
stack.yaml:18:5: error: component 'query': missing required input 'console_url'
terraform/modules/query/variables.tf:6:1: note: variable 'console_url' is declared here without a default
EOF
test_cmp expect out
contains err "2 problems"
EOS

test_case "a misspelled input gets a did-you-mean, an unknown one does not" <<'EOS'
fixture unknown-input
must_fail 1 mds -C unknown-input validate >out 2>err
cat >expect <<'EOF'
stack.yaml:11:5: error: component 'store': missing required input 'replicas'
terraform/modules/store/variables.tf:1:1: note: variable 'replicas' is declared here without a default
stack.yaml:12:7: error: component 'store': unknown input 'replcas', not a variable of terraform/modules/store (did you mean 'replicas'?)
terraform/modules/store/variables.tf:1:1: note: variable 'replicas' is declared here
stack.yaml:20:23: error: component 'query': unknown input 'memroy', not a variable of terraform/modules/query (did you mean 'memory'?) (environment: prod)
terraform/modules/query/variables.tf:11:1: note: variable 'memory' is declared here
stack.yaml:20:36: error: component 'query': unknown input 'zone', not a variable of terraform/modules/query (environment: prod)
EOF
test_cmp expect out
contains err "4 problems"
EOS

test_case "a reference to an output the module does not declare" <<'EOS'
fixture missing-output
must_fail 1 mds -C missing-output validate >out 2>err
cat >expect <<'EOF'
stack.yaml:20:20: error: component 'query': input 's3_endpoint' refers to 'store.endpont', not an output of terraform/modules/store (did you mean 'endpoint'?)
terraform/modules/store/outputs.tf:1:1: note: output 'endpoint' is declared here
stack.yaml:21:20: error: component 'query': input 'console_url' refers to 'store.password', not an output of terraform/modules/store (outputs: endpoint, host)
EOF
test_cmp expect out
EOS

test_case "a value of the wrong shape, directly or through \${env.X}" <<'EOS'
fixture wrong-type
must_fail 1 mds -C wrong-type validate >out 2>err
cat >expect <<'EOF'
stack.yaml:12:7: error: component 'store': input 'replicas' is a string (through ${env.replicas}), but variable 'replicas' has type number (environment: dev)
terraform/modules/store/variables.tf:1:1: note: variable 'replicas' is declared here
stack.yaml:13:7: error: component 'store': input 'buckets' is a string, but variable 'buckets' has type list(string)
terraform/modules/store/variables.tf:11:1: note: variable 'buckets' is declared here
EOF
test_cmp expect out
EOS

test_case "providers: one the module requires but the component lacks, one it lists in vain" <<'EOS'
fixture providers
must_fail 1 mds -C providers validate >out 2>err
cat >expect <<'EOF'
stack.yaml:14:5: error: component 'store': terraform/modules/store requires provider 'kubernetes', but the component's providers do not list it
terraform/modules/store/versions.tf:9:5: note: provider 'kubernetes' is required here
stack.yaml:22:17: error: component 'query': provider 'helm' is listed, but terraform/modules/query does not require it
EOF
test_cmp expect out
# random needs no configuration and the stack has none for it: not a problem
lacks out "random"
EOS

test_case "a sensitive output fed to a variable that is not sensitive" <<'EOS'
fixture secret-input
must_fail 1 mds -C secret-input validate >out 2>err
cat >expect <<'EOF'
stack.yaml:22:22: error: component 'query': input 's3_secret_key' gets the sensitive output 'store.secret_key', but variable 's3_secret_key' is not sensitive (plans would print the secret)
terraform/modules/query/variables.tf:17:1: note: variable 's3_secret_key' is declared here without sensitive = true
EOF
test_cmp expect out
# marking the variable sensitive (and regenerating its README) fixes it
sed -i 's/^  description = "Secret key for the object store (should be sensitive)."$/&\n  sensitive   = true/' \
	secret-input/terraform/modules/query/variables.tf
mds -C secret-input docs >/dev/null
mds -C secret-input validate
EOS

test_case "a module directory that does not exist" <<'EOS'
fixture missing-module
must_fail 1 mds -C missing-module validate >out 2>err
contains out "stack.yaml:17:13: error: component 'query': module directory 'terraform/modules/qurey' does not exist (did you mean 'terraform/modules/query'?)"
EOS

test_case "a module directory without .tf files" <<'EOS'
fixture ok
rm ok/terraform/modules/query/*.tf
must_fail 1 mds -C ok validate >out 2>err
cat >expect <<'EOF'
stack.yaml:17:13: error: component 'query': module directory 'terraform/modules/query' holds no .tf file
EOF
test_cmp expect out
EOS

test_case "-f names the stack file; paths stay relative to the working directory" <<'EOS'
fixture missing-input
must_fail 1 mds -f missing-input/stack.yaml validate >out 2>err
contains out "missing-input/stack.yaml:11:5: error: component 'store'"
contains out "missing-input/terraform/modules/store/variables.tf:1:1: note:"
EOS

test_done
