# Trusted helper run by PythonConfigCompiler in its own interpreter (never in a config's
# sandbox). It parses a config with Python 3 semantics (true division, print function, unicode
# literals), reads its `_base_`, checks it against the sandbox rules, rewrites dict displays so
# that key order and lines survive, and splits it into pieces small enough for one JVM method.
import ast
import __future__

FLAGS = (__future__.division.compiler_flag | __future__.print_function.compiler_flag
         | __future__.unicode_literals.compiler_flag | __future__.absolute_import.compiler_flag)

# AST nodes per compiled piece: Jython compiles a module into one JVM method (64 KB limit).
BUDGET = 1200

ALLOWED_MODULES = ('math', 'copy')
DENIED_NAMES = frozenset([
    'eval', 'exec', 'execfile', 'compile', 'open', 'file', 'input', 'raw_input', 'reload',
    'getattr', 'setattr', 'delattr', 'globals', 'locals', 'vars', 'breakpoint', 'help',
    'memoryview', 'buffer', 'exit', 'quit', 'type', 'object', 'super', 'classmethod',
    'staticmethod', 'property', 'intern', 'apply', 'coerce'])
DENIED_ATTRIBUTES = frozenset([
    'getClass', 'class', 'forName', 'getClassLoader', 'loadClass', 'getMethod', 'getMethods',
    'getDeclaredMethod', 'getDeclaredMethods', 'getField', 'getDeclaredField', 'getConstructor',
    'getDeclaredConstructor', 'newInstance', 'invoke', 'getRuntime', 'getSuperclass', 'mro',
    'format_map', 'system', 'popen'])
DENIED_ATTRIBUTE_PREFIXES = ('_', 'func_', 'im_', 'gi_', 'tb_', 'co_', 'f_', 'cr_')


# Python 3's standard library (sys.stdlib_module_names): MMEngine imports these for real in a
# lazy-import config and makes stand-ins for every other module.
STDLIB = frozenset([
    'abc', 'aifc', 'antigravity', 'argparse', 'array', 'ast', 'asynchat', 'asyncio', 'asyncore',
    'atexit', 'audioop', 'base64', 'bdb', 'binascii', 'bisect', 'builtins', 'bz2', 'cProfile',
    'calendar', 'cgi', 'cgitb', 'chunk', 'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections',
    'colorsys', 'compileall', 'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy',
    'copyreg', 'crypt', 'csv', 'ctypes', 'curses', 'dataclasses', 'datetime', 'dbm', 'decimal',
    'difflib', 'dis', 'distutils', 'doctest', 'email', 'encodings', 'ensurepip', 'enum', 'errno',
    'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib', 'functools',
    'gc', 'genericpath', 'getopt', 'getpass', 'gettext', 'glob', 'graphlib', 'grp', 'gzip',
    'hashlib', 'heapq', 'hmac', 'html', 'http', 'idlelib', 'imaplib', 'imghdr', 'imp', 'importlib',
    'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword', 'lib2to3', 'linecache', 'locale',
    'logging', 'lzma', 'mailbox', 'mailcap', 'marshal', 'math', 'mimetypes', 'mmap',
    'modulefinder', 'msilib', 'msvcrt', 'multiprocessing', 'netrc', 'nis', 'nntplib', 'nt',
    'ntpath', 'nturl2path', 'numbers', 'opcode', 'operator', 'optparse', 'os', 'ossaudiodev',
    'pathlib', 'pdb', 'pickle', 'pickletools', 'pipes', 'pkgutil', 'platform', 'plistlib',
    'poplib', 'posix', 'posixpath', 'pprint', 'profile', 'pstats', 'pty', 'pwd', 'py_compile',
    'pyclbr', 'pydoc', 'pydoc_data', 'pyexpat', 'queue', 'quopri', 'random', 're', 'readline',
    'reprlib', 'resource', 'rlcompleter', 'runpy', 'sched', 'secrets', 'select', 'selectors',
    'shelve', 'shlex', 'shutil', 'signal', 'site', 'smtpd', 'smtplib', 'sndhdr', 'socket',
    'socketserver', 'spwd', 'sqlite3', 'sre_compile', 'sre_constants', 'sre_parse', 'ssl', 'stat',
    'statistics', 'string', 'stringprep', 'struct', 'subprocess', 'sunau', 'symtable', 'sys',
    'sysconfig', 'syslog', 'tabnanny', 'tarfile', 'telnetlib', 'tempfile', 'termios', 'textwrap',
    'this', 'threading', 'time', 'timeit', 'tkinter', 'token', 'tokenize', 'tomllib', 'trace',
    'traceback', 'tracemalloc', 'tty', 'turtle', 'turtledemo', 'types', 'typing', 'unicodedata',
    'unittest', 'urllib', 'uu', 'uuid', 'venv', 'warnings', 'wave', 'weakref', 'webbrowser',
    'winreg', 'winsound', 'wsgiref', 'xdrlib', 'xml', 'xmlrpc', 'zipapp', 'zipfile', 'zipimport',
    'zlib', 'zoneinfo'])


class SandboxViolation(Exception):
    def __init__(self, msg, lineno):
        Exception.__init__(self, msg)
        self.msg = msg
        self.lineno = lineno


def parse(source, filename):
    return compile(source, filename, 'exec', FLAGS | ast.PyCF_ONLY_AST, True)


def base_files(tree):
    """The value of the first top-level `_base_ = ...`, or None (MMEngine evaluates it first)."""
    for node in tree.body:
        if is_base_assign(node):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                raise SandboxViolation('_base_ must be a string or a list of strings', node.lineno)
    return None


def is_base_assign(node):
    return (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == '_base_')


class BaseAssignRemover(ast.NodeTransformer):
    def visit_Assign(self, node):
        return None if is_base_assign(node) else node


class SandboxChecker(ast.NodeVisitor):
    def visit_Attribute(self, node):
        attr = node.attr
        if attr in DENIED_ATTRIBUTES or attr.startswith(DENIED_ATTRIBUTE_PREFIXES):
            raise SandboxViolation('access to attribute %r is not allowed in a config' % str(attr),
                                   node.lineno)
        self.generic_visit(node)

    def visit_Name(self, node):
        name = node.id
        # the f-string (!r) and star-display rewrites put these in before this check;
        # they are repr, list and tuple
        if (isinstance(node.ctx, ast.Load) and name.startswith('__')
                and name not in ('__name__', '__pk_repr__', '__pk_list__', '__pk_tuple__', '__pk_lazy__')):
            raise SandboxViolation('name %r is not allowed in a config' % str(name), node.lineno)
        if name in DENIED_NAMES:
            raise SandboxViolation('%r is not allowed in a config' % str(name), node.lineno)
        # the rewrites' helpers live in the builtins: a config may not shadow them
        if not isinstance(node.ctx, ast.Load) and name.startswith('__pk'):
            raise SandboxViolation('name %r is not allowed in a config' % str(name), node.lineno)
        self.generic_visit(node)

    def visit_Exec(self, node):
        raise SandboxViolation('exec is not allowed in a config', node.lineno)

    def visit_Import(self, node):
        for alias in node.names:
            check_module(alias.name, node.lineno)

    def visit_ImportFrom(self, node):
        if node.module == '__future__':
            return
        check_module(node.module or '', node.lineno)
        for alias in node.names:
            if alias.name == '*' or alias.name.startswith('_'):
                raise SandboxViolation('importing %r from %r is not allowed in a config'
                                       % (str(alias.name), str(node.module)), node.lineno)


def check_module(name, lineno):
    if name not in ALLOWED_MODULES:
        raise SandboxViolation('import of module %r is not allowed in a config (allowed: %s); '
                               'set POSEKIT_UNSAFE_CONFIGS=1 and load with '
                               'LoadOptions.allowUnsafe() to trust this file'
                               % (str(name), ', '.join(ALLOWED_MODULES)), lineno)


class ImportRewriter(ast.NodeTransformer):
    """`import math as m` -> `m = __pk_import__('math')`: imports never reach Jython's importer."""

    def visit_Import(self, node):
        return [located(ast.Assign([ast.Name(alias.asname or alias.name, ast.Store())],
                                   pk_import(alias.name)), node) for alias in node.names]

    def visit_ImportFrom(self, node):
        if node.module == '__future__':
            return node
        return [located(ast.Assign([ast.Name(alias.asname or alias.name, ast.Store())],
                                   ast.Attribute(pk_import(node.module), alias.name, ast.Load())),
                        node) for alias in node.names]


class FormatRewriter(ast.NodeTransformer):
    """`x.format` -> `__pk_format__(x)`: a format string's fields reach attributes at run time,
    where this checker cannot see them; SafeFormat checks them there against the same rule."""

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if node.attr == 'format' and isinstance(node.ctx, ast.Load):
            return located(ast.Call(ast.Name('__pk_format__', ast.Load()), [node.value], [], None, None), node)
        return node


# The operators whose result size an integer operand decides ('x' * 2 ** 30): ScriptAllocations
# charges the load's memory budget for the result before computing it.
GUARDED_OPERATORS = ((ast.Mult, 'mul'), (ast.Pow, 'pow'), (ast.LShift, 'lshift'), (ast.Mod, 'mod'))
# String methods an argument can make huge ('x'.ljust(2 ** 31)): ScriptAllocations charges them too.
SIZED_METHODS = frozenset(['ljust', 'rjust', 'center', 'zfill', 'expandtabs', 'join', 'replace', 'translate'])


def guard_name(op, in_place):
    for kind, name in GUARDED_OPERATORS:
        if isinstance(op, kind):
            return '__pk_%s%s__' % ('i' if in_place else '', name)
    return None


def as_load(target):
    """The expression reading an assignment target (x, a.b, a[k]) again."""
    if isinstance(target, ast.Name):
        return ast.Name(target.id, ast.Load())
    if isinstance(target, ast.Attribute):
        return ast.Attribute(target.value, target.attr, ast.Load())
    return ast.Subscript(target.value, target.slice, ast.Load())


class AllocationRewriter(ast.NodeTransformer):
    """`a * b` -> `__pk_mul__(a, b)` (and `**`, `<<`, `%`); `x *= b` -> `x *= __pk_imul__(x, b)`,
    which only charges, so the statement keeps its in-place meaning; `s.ljust` ->
    `__pk_method__(s, 'ljust')` for the sized string methods."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        name = guard_name(node.op, False)
        if name is None:
            return node
        return located(ast.Call(ast.Name(name, ast.Load()), [node.left, node.right], [], None, None), node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        name = guard_name(node.op, True)
        if name is not None:
            node.value = located(ast.Call(ast.Name(name, ast.Load()), [as_load(node.target), node.value],
                                          [], None, None), node)
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if node.attr in SIZED_METHODS and isinstance(node.ctx, ast.Load):
            return located(ast.Call(ast.Name('__pk_method__', ast.Load()), [node.value, ast.Str(node.attr)],
                                    [], None, None), node)
        return node


def pk_import(name):
    return ast.Call(ast.Name('__pk_import__', ast.Load()), [ast.Str(name)], [], None, None)


class ComprehensionScoper(ast.NodeTransformer):
    """[x for x in y] -> __pk_list__(x for x in y): as in Python 3, the loop variable stays
    inside the comprehension instead of leaking into the config (Python 2 leaks it)."""

    def visit_ListComp(self, node):
        self.generic_visit(node)
        gen = located(ast.GeneratorExp(node.elt, node.generators), node)
        return located(ast.Call(ast.Name('__pk_list__', ast.Load()), [gen], [], None, None), node)


class DictRewriter(ast.NodeTransformer):
    """Dict displays, comprehensions and keyword-only dict() calls become
    __pk_dict__(line, ((key, value, key_line), ...)) so that order and lines are kept."""

    def visit_Dict(self, node):
        self.generic_visit(node)
        triples = [ast.Tuple([k, v, ast.Num(k.lineno)], ast.Load())
                   for k, v in zip(node.keys, node.values)]
        return located(pk_dict(node.lineno, ast.Tuple(triples, ast.Load())), node)

    def visit_DictComp(self, node):
        self.generic_visit(node)
        triple = ast.Tuple([node.key, node.value, ast.Num(node.lineno)], ast.Load())
        return located(pk_dict(node.lineno, ast.GeneratorExp(triple, node.generators)), node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if (isinstance(node.func, ast.Name) and node.func.id == 'dict' and not node.args
                and node.starargs is None and node.kwargs is None):
            triples = [ast.Tuple([ast.Str(k.arg), k.value, ast.Num(k.value.lineno)], ast.Load())
                       for k in node.keywords]
            return located(pk_dict(node.lineno, ast.Tuple(triples, ast.Load())), node)
        return node


def pk_dict(lineno, items):
    return ast.Call(ast.Name('__pk_dict__', ast.Load()), [ast.Num(lineno), items], [], None, None)


def located(new, old):
    ast.copy_location(new, old)
    ast.fix_missing_locations(new)
    return new


def size(node):
    return sum(1 for _ in ast.walk(node))


class Splitter(object):
    """Moves oversized sub-expressions of a statement into temporaries assigned before it, and
    chunks oversized lists and tuples, so that every piece fits one JVM method."""

    # Jython's ast module lacks some node classes (DictComp, SetComp); keep the ones it has.
    OPAQUE = tuple(getattr(ast, n) for n in ('Lambda', 'ListComp', 'GeneratorExp', 'SetComp',
                                             'DictComp', 'IfExp', 'BoolOp') if hasattr(ast, n))

    def __init__(self):
        self.counter = 0

    def temp(self):
        self.counter += 1
        return '__pk_tmp%d' % self.counter

    def split_statement(self, stmt):
        if size(stmt) <= BUDGET or not isinstance(stmt, (ast.Assign, ast.Expr, ast.AugAssign)):
            return [stmt]
        before = []
        stmt.value = self.shrink(stmt.value, before)
        return before + [stmt]

    def shrink(self, node, before):
        if size(node) <= BUDGET or isinstance(node, self.OPAQUE):
            return node
        for field, value in ast.iter_fields(node):
            if isinstance(value, list):
                setattr(node, field, [self.shrink(v, before) if isinstance(v, ast.expr) else v
                                      for v in value])
            elif isinstance(value, ast.expr):
                setattr(node, field, self.shrink(value, before))
        if size(node) <= BUDGET:
            return node
        if isinstance(node, (ast.List, ast.Tuple)):
            return self.chunk(node, before)
        return self.hoist(node, before)

    def hoist(self, node, before):
        name = self.temp()
        before.append(located(ast.Assign([ast.Name(name, ast.Store())], node), node))
        return located(ast.Name(name, ast.Load()), node)

    def chunk(self, node, before):
        kind = type(node)
        elts = [e if size(e) <= BUDGET // 4 else self.hoist(e, before) for e in node.elts]
        name = self.temp()
        chunks, current, weight = [], [], 0
        for e in elts:
            w = size(e)
            if current and weight + w > BUDGET // 2:
                chunks.append(current)
                current, weight = [], 0
            current.append(e)
            weight += w
        chunks.append(current)
        for i, part in enumerate(chunks):
            value = located(kind(part, ast.Load()), node)
            target = ast.Name(name, ast.Store())
            if i > 0:  # plain `t = t + part`: Jython miscompiles a synthesized AugAssign
                value = ast.BinOp(ast.Name(name, ast.Load()), ast.Add(), value)
            stmt = ast.Assign([target], value)
            before.append(located(stmt, node))
        return located(ast.Name(name, ast.Load()), node)


def is_builtin_module(module):
    """MMEngine's test: the standard library and mmengine.config are imported, not stood in for."""
    if module.startswith('.'):
        return False
    return module.startswith('mmengine.config') or module.split('.')[0] in STDLIB


# Jython would hand out Java classes for these; a sandboxed config may not even name them
JAVA_PACKAGES = ('java', 'javax', 'jdk', 'sun', 'com', 'org')


def is_java_package(module):
    return module.split('.')[0] in JAVA_PACKAGES


def is_lazy_import(tree, sandboxed):
    """MMEngine's Config._is_lazy_import: the first telling node, in ast.walk order, decides.
    In the sandbox an import of a Java package decides nothing: the sandbox refuses it."""
    for node in ast.walk(tree):
        if sandboxed and isinstance(node, ast.ImportFrom) and is_java_package(node.module or ''):
            continue
        if sandboxed and isinstance(node, ast.Import) and any(is_java_package(a.name) for a in node.names):
            continue
        if is_base_assign(node):
            return False
        if isinstance(node, ast.With):
            return True
        if isinstance(node, ast.ImportFrom):
            if node.level:
                return True
            if node.module == 'mmengine' and [a.name for a in node.names] == ['Config']:
                continue
            if node.module is not None and not is_builtin_module(node.module):
                return True
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not is_builtin_module(alias.name):
                    return True
    return False


def is_read_base(node):
    expr = node.context_expr if hasattr(node, 'context_expr') else node.items[0].context_expr
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name)
            and expr.func.id == 'read_base')


class LazyImportRewriter(ast.NodeTransformer):
    """A lazy-import config's imports of other modules become stand-ins, as MMEngine's
    LazyObject: `from torch.optim import Adam` -> `Adam = __pk_lazy__('torch.optim', 'Adam')`,
    which a config keeps as the string 'torch.optim.Adam'. The names are recorded: MMEngine
    leaves imported names out of the loaded config."""

    def __init__(self, sandboxed):
        self.imported = []
        self.sandboxed = sandboxed

    def check(self, module, lineno):
        if self.sandboxed and is_java_package(module):
            raise SandboxViolation('import of Java package %r is not allowed in a config' % str(module), lineno)

    def visit_ImportFrom(self, node):
        module = '.' * (node.level or 0) + (node.module or '')
        self.check(module, node.lineno)
        if is_builtin_module(module) and module != 'mmengine.config':
            for alias in node.names:
                if alias.name == '*':
                    raise SandboxViolation('Cannot import * from non-base config', node.lineno)
                self.imported.append(alias.asname or alias.name)
            return node
        out = []
        for alias in node.names:
            if alias.name == '*':
                raise SandboxViolation('`from %s import *` is only allowed inside `with read_base():`'
                                       % str(module), node.lineno)
            name = alias.asname or alias.name
            self.imported.append(name)
            out.append(located(ast.Assign([ast.Name(name, ast.Store())], lazy_call(module, alias.name)), node))
        return out

    def visit_Import(self, node):
        out = []
        for alias in node.names:
            self.check(alias.name, node.lineno)
            if is_builtin_module(alias.name):
                if alias.asname:
                    self.imported.append(alias.asname)
                out.append(located(ast.Import([alias]), node))
            elif alias.asname:
                self.imported.append(alias.asname)
                out.append(located(ast.Assign([ast.Name(alias.asname, ast.Store())],
                                              lazy_call(alias.name, None)), node))
            else:
                top = alias.name.split('.')[0]
                self.imported.append(top)
                out.append(located(ast.Assign([ast.Name(top, ast.Store())], lazy_call(top, None)), node))
        return out


def lazy_call(module, name):
    args = [ast.Str(module), ast.Str(name) if name is not None else ast.Name('None', ast.Load())]
    return ast.Call(ast.Name('__pk_lazy__', ast.Load()), args, [], None, None)


def read_base_imports(tree):
    """The `with read_base():` blocks of a lazy-import config, taken out of the tree:
    [(module with its leading dots, [(name, asname or None)], line)]."""
    bases, body = [], []
    for node in tree.body:
        if isinstance(node, ast.With):
            if not is_read_base(node):
                raise SandboxViolation('Only `read_base` context manager can be used in the config',
                                       node.lineno)
            for stmt in node.body:
                if not isinstance(stmt, ast.ImportFrom):
                    raise SandboxViolation('only `from ... import ...` is allowed in `with read_base():`',
                                           stmt.lineno)
                if stmt.module is None:
                    raise SandboxViolation('`from . import xxx` is not allowed in `with read_base():`',
                                           stmt.lineno)
                bases.append(('.' * (stmt.level or 0) + stmt.module,
                              [(a.name, a.asname) for a in stmt.names], stmt.lineno))
        else:
            body.append(node)
    return bases, ast.Module(body)


def prepare(source, filename, sandboxed, lazy=None):
    """Returns (base files or None, [code objects to run in order], lazy-import info or None).
    lazy: None to decide as MMEngine does, True for a file a lazy-import config imports from.
    The lazy-import info is ([(base module, [(name, asname)], line)], [imported names])."""
    tree = parse(source, filename)
    if lazy is None:
        lazy = is_lazy_import(tree, sandboxed)
    lazy_info = None
    if lazy:
        bases = None
        base_modules, tree = read_base_imports(tree)
        rewriter = LazyImportRewriter(sandboxed)
        tree = ast.Module([s for stmt in tree.body for s in as_list(rewriter.visit(stmt))])
        lazy_info = (base_modules, rewriter.imported)
    else:
        bases = base_files(tree)
        # rebuild the body: Jython's NodeTransformer cannot empty a statement list in place
        tree = ast.Module([BaseAssignRemover().visit(s) for s in tree.body if not is_base_assign(s)])
    if sandboxed:
        SandboxChecker().visit(tree)
        tree = ImportRewriter().visit(tree)
        tree = FormatRewriter().visit(tree)
        tree = AllocationRewriter().visit(tree)
    tree = ComprehensionScoper().visit(tree)
    tree = DictRewriter().visit(tree)
    ast.fix_missing_locations(tree)
    splitter = Splitter()
    statements = []
    for stmt in tree.body:
        statements.extend(splitter.split_statement(stmt))
    pieces, current, weight = [], [], 0
    for stmt in statements:
        w = size(stmt)
        if current and weight + w > BUDGET:
            pieces.append(current)
            current, weight = [], 0
        current.append(stmt)
        weight += w
    if current or not pieces:
        pieces.append(current)
    codes = [compile(ast.Module(body), filename, 'exec', FLAGS, True) for body in pieces]
    return bases, codes, lazy_info


def as_list(node):
    return node if isinstance(node, list) else [node]
