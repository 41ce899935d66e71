# json_valid NAME FILE: FILE is one JSON document valid against
# tests/schemas/mds-infra/NAME-v1.json (Draft 2020-12, python3-jsonschema),
# and its "schema" member is mds-infra/NAME/v1.  Source after lib.sh.
json_valid() {
	python3 - "$SOURCE_DIR/tests/schemas/mds-infra/$1-v1.json" "$2" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
for e in errors:
    print("%s: %s at %s" % (sys.argv[2], e.message, list(e.absolute_path)), file=sys.stderr)
if doc.get("schema") != "mds-infra/%s/v1" % sys.argv[3]:
    print("%s: schema member is %r" % (sys.argv[2], doc.get("schema")), file=sys.stderr)
    sys.exit(1)
sys.exit(1 if errors else 0)
PY
}

# json_get FILE EXPR: prints doc<EXPR> (a Python subscript like
# '["counts"]["components"]') as JSON.
json_get() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(eval("d"+sys.argv[2])))' "$1" "$2"
}
