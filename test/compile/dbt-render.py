# Reads generated/dbt/ as dbt does, with the libraries dbt uses (PyYAML, Jinja2), for the targets
# asked, and prints JSON: the YAML files with every string rendered, each model's SQL, and the SQL
# of every data test, from dbt-adapters' own macros (test/fixtures/dbt-adapters). dbt itself
# cannot be installed here (no PyPI): what it adds around this is the parsing in dbt-core
# (github.com/dbt-labs/dbt-core, branch 1.11.latest, commit 67507cebf9900b7544a865f317c507ca5cbf6dd9),
# followed below where it matters:
# - parser/schema_renderer.py: every string of a properties file is rendered with Jinja;
# - clients/jinja.py, add_rendered_test_kwargs: a test argument that looks like a call of
#   env_var, ref, var, source or doc is wrapped in {{ }} and run; column_name is not rendered;
# - parser/schema_generic_tests.py: a column with `quote: true` is given to its tests as
#   adapter.quote(name), which is '"{}"' (BigQuery: '`{}`') with nothing escaped.
# - the macros of the fragment's macros/ are available to every model, as a project's are.
# Input (stdin): {"dir": <dbt folder>, "macros": <fixtures folder>, "targets": [...], "schema": <database schema>}.
import json
import os
import re
import sys

import jinja2.sandbox
import yaml

req = json.load(sys.stdin)
env = jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do"])
LOOKS_LIKE_FUNC = r"^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$"


class CompilerError(Exception):
    pass


def raise_compiler_error(message):
    raise CompilerError(message)


def quote(target, name):
    return ("`%s`" if target == "bigquery" else '"%s"') % name


def rendered(value, ctx, test_argument=False):
    if isinstance(value, dict):
        return {k: rendered(v, ctx, test_argument or k == "arguments") for k, v in value.items()}
    if isinstance(value, list):
        return [rendered(v, ctx, test_argument) for v in value]
    if isinstance(value, str):
        if test_argument and re.match(LOOKS_LIKE_FUNC, value):
            value = "{{ %s }}" % value
        return env.from_string(value).render(**ctx)
    return value


def macro(name, **kwargs):
    with open(os.path.join(req["macros"], name + ".sql"), encoding="utf-8") as f:
        text = f.read()
    call = "{{ default__test_%s(**kwargs) }}" % name
    return env.from_string(text + call).render(kwargs=kwargs, should_store_failures=lambda: False)


def read(*parts):
    with open(os.path.join(req["dir"], *parts), encoding="utf-8") as f:
        return f.read()


def load_yaml(text):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


out = {}
files = sorted(os.listdir(os.path.join(req["dir"], "models")))
project = load_yaml(read("dbt_project.yml"))
macro_files = ["".join(read(m, f)) for m in project["macro-paths"] for f in sorted(os.listdir(os.path.join(req["dir"], m)))]
for target in req["targets"]:
    schema = req["schema"]
    ctx = {"target": {"type": target}, "exceptions": {"raise_compiler_error": raise_compiler_error}}
    props = {}
    for f in files:
        if f.endswith(".yml"):
            props[f] = rendered(load_yaml(read("models", f)), ctx)
    sources = {}
    tables = []
    for s in props.get("_trackplan__sources.yml", {}).get("sources", []):
        for t in s["tables"]:
            relation = "%s.%s" % (quote(target, s.get("schema", s["name"])), quote(target, t.get("identifier", t["name"])))
            sources[(s["name"], t["name"])] = relation
            tables.append((relation, t))

    def source(name, table):
        return sources[(name, table)]

    macros = {}
    for text in macro_files:
        module = env.from_string(text).make_module(vars=ctx)
        macros.update({n: getattr(module, n) for n in dir(module) if not n.startswith("_")})
    models = {}
    for f in files:
        if f.endswith(".sql"):
            try:
                models[f[:-4]] = env.from_string(read("models", f)).render(source=source, **ctx, **macros)
            except CompilerError as e:
                models[f[:-4]] = {"error": str(e)}

    tests = []

    def add_tests(relation, column):
        name = quote(target, column["name"]) if column.get("quote") else column["name"]
        for t in column.get("data_tests") or []:
            test, args = (t, {}) if isinstance(t, str) else next(iter(t.items()))
            kwargs = dict((args or {}).get("arguments", {}))
            tests.append({"relation": relation, "column": column["name"], "test": test, "arguments": kwargs,
                          "sql": macro(test, model=relation, column_name=name, **kwargs)})

    for relation, t in tables:
        for c in t.get("columns", []):
            add_tests(relation, c)
    for m in props.get("_trackplan__models.yml", {}).get("models", []):
        for c in m.get("columns", []):
            add_tests("%s.%s" % (quote(target, schema), quote(target, m["name"])), c)
    out[target] = {"project": project, "yaml": props, "models": models, "tests": tests}

json.dump(out, sys.stdout, ensure_ascii=False)
