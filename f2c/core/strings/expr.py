"""Messages of the derivative a student writes (f2c.core.expr and f2c.explain.derivative)."""

STRINGS = {
    "expr.empty": {
        "zh": "请输入一个表达式,例如 mean(2*(w*x + b - y)*x)。",
        "en": "Type an expression, for example mean(2*(w*x + b - y)*x).",
    },
    "expr.too_long": {
        "zh": "表达式太长了({length} 个字符,最多 {max} 个)。",
        "en": "The expression is too long ({length} characters; at most {max}).",
    },
    "expr.too_big": {
        "zh": "表达式的部件太多(最多 {max} 个)。导数用不了这么长。",
        "en": "The expression has too many parts (at most {max}); a derivative needs far fewer.",
    },
    "expr.too_deep": {
        "zh": "括号或运算嵌套太深(最多 {max} 层)。",
        "en": "Brackets or operations are nested too deeply (at most {max} levels).",
    },
    "expr.syntax": {
        "zh": "看不懂这个式子:请检查括号和运算符(只能用 + - * / ** 和 mean(...)、sum(...))。",
        "en": "This cannot be read as a formula: check the brackets and operators (only + - * / ** and "
        "mean(...), sum(...)).",
    },
    "expr.operator": {
        "zh": "只能用 + - * / ** 和负号。",
        "en": "Only + - * / ** and a minus sign are allowed.",
    },
    "expr.forbidden": {
        "zh": "这里不允许“{kind}”:只能写 x、y、w、b、y_hat、数字、+ - * / ** 以及 mean(...)、sum(...)。",
        "en": "“{kind}” is not allowed here: write only x, y, w, b, y_hat, numbers, + - * / ** and "
        "mean(...), sum(...).",
    },
    "expr.number": {
        "zh": "数字太大了(绝对值最多 {max})。",
        "en": "That number is too large (at most {max} in size).",
    },
    "expr.name": {
        "zh": "不认识名字“{name}”:可以用的只有 {names}。",
        "en": "Unknown name “{name}”: you can use {names}.",
    },
    "expr.function_alone": {
        "zh": "{name} 要带括号使用,例如 {name}(x)。",
        "en": "{name} needs brackets, as in {name}(x).",
    },
    "expr.exponent": {
        "zh": "指数必须是一个不超过 {max} 的普通数字,例如 **2。",
        "en": "An exponent must be a plain number of at most {max}, for example **2.",
    },
    "expr.call": {
        "zh": "只能调用 {names}。",
        "en": "The only functions are {names}.",
    },
    "expr.arguments": {
        "zh": "{name}(...) 只接受一个参数,例如 {name}(x*y)。",
        "en": "{name}(...) takes exactly one argument, as in {name}(x*y).",
    },
    "expr.not_scalar": {
        "zh": "结果是 {size} 个数,而梯度的一个分量是一个数:外面套上 mean(...) 吧。",
        "en": "The result is {size} numbers, but one component of the gradient is one number: wrap it in "
        "mean(...).",
    },
    "expr.not_finite": {
        "zh": "在 w = {w}、b = {b} 处结果不是有限的数(除以零?)。",
        "en": "At w = {w}, b = {b} the result is not a finite number (a division by zero?).",
    },
    "expr.kind.attribute": {"zh": "属性访问(.)", "en": "attribute access (.)"},
    "expr.kind.subscript": {"zh": "下标([ ])", "en": "indexing ([ ])"},
    "expr.kind.lambda": {"zh": "lambda 函数", "en": "a lambda"},
    "expr.kind.comprehension": {"zh": "推导式(for ... in ...)", "en": "a comprehension (for ... in ...)"},
    "expr.kind.compare": {"zh": "比较(< > ==)", "en": "a comparison (< > ==)"},
    "expr.kind.logic": {"zh": "逻辑运算(and/or/if)", "en": "logic (and / or / if)"},
    "expr.kind.assign": {"zh": "赋值(:=)", "en": "an assignment (:=)"},
    "expr.kind.collection": {"zh": "列表、元组或字典", "en": "a list, tuple or dict"},
    "expr.kind.text": {"zh": "文字(字符串)", "en": "text (a string)"},
    "expr.kind.dunder": {"zh": "双下划线名字(__...)", "en": "a double-underscore name (__...)"},
    "expr.kind.other": {"zh": "这种写法", "en": "this construct"},
}
