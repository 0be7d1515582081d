package io.jenkins.plugins.jiraaccess.check.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls a method makes, directly or through the plugin's own methods and constructors it reaches. A call is
 * resolved to the plugin's methods by the receiver's declared type where the source names it (a local, parameter,
 * field, class name, or a plugin method's return type), with overriding methods of plugin subtypes; where it does
 * not, to every plugin method of that name and arity. That over-approximates, never misses a plugin path.
 */
public final class CallGraph {
    private final JavaModel java;

    public CallGraph(JavaModel java) {
        this.java = java;
    }

    /** One call reached: the method name called, the receiver's type when known, and how it was reached. */
    public record Call(String name, String receiverType, List<String> path) {
        /** {@code doX -> helper -> name}, for messages. */
        public String chain() {
            return String.join(" -> ", path) + " -> " + (receiverType == null ? "" : simple(receiverType) + ".") + name;
        }
    }

    /** Every call reachable from {@code start}, each call site once, in the order found. */
    public List<Call> reach(CallableDeclaration<?> start) {
        List<Call> out = new ArrayList<>();
        Map<CallableDeclaration<?>, List<String>> paths = new IdentityHashMap<>();
        Deque<CallableDeclaration<?>> queue = new ArrayDeque<>();
        paths.put(start, List.of(label(start)));
        queue.add(start);
        while (!queue.isEmpty()) {
            CallableDeclaration<?> m = queue.removeFirst();
            List<String> path = paths.get(m);
            for (Node n : m.findAll(Node.class)) {
                List<CallableDeclaration<?>> targets;
                if (n instanceof MethodCallExpr call) {
                    String receiver = call.getScope().map(this::typeOf).orElse(null);
                    out.add(new Call(call.getNameAsString(), receiver, path));
                    targets = targets(call);
                } else if (n instanceof MethodReferenceExpr ref) {
                    out.add(new Call(ref.getIdentifier(), typeOf(ref.getScope()), path));
                    targets = byName(ref.getIdentifier(), -1);
                } else if (n instanceof ObjectCreationExpr create) {
                    targets = constructors(create);
                } else {
                    continue;
                }
                for (CallableDeclaration<?> t : targets) {
                    if (!paths.containsKey(t)) {
                        List<String> p = new ArrayList<>(path);
                        p.add(label(t));
                        paths.put(t, List.copyOf(p));
                        queue.add(t);
                    }
                }
            }
        }
        return out;
    }

    private List<CallableDeclaration<?>> targets(MethodCallExpr call) {
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        TypeDeclaration<?> context = JavaModel.enclosingType(call);
        Optional<Expression> scope = call.getScope();
        List<String> receivers = new ArrayList<>();
        if (scope.isEmpty() || scope.get() instanceof ThisExpr) {
            for (Node n = context; n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof TypeDeclaration<?> t) {
                    receivers.add(JavaModel.fqn(t));
                }
            }
        } else if (scope.get() instanceof SuperExpr) {
            receivers.addAll(java.supertypes(JavaModel.fqn(context)));
        } else {
            String type = typeOf(scope.get());
            if (type == null) {
                return byName(name, arity);
            }
            receivers.add(type);
        }
        List<CallableDeclaration<?>> out = new ArrayList<>();
        for (String r : receivers) {
            for (MethodDeclaration m : java.methods(r, name)) {
                if (accepts(m, arity)) {
                    out.add(m);
                }
            }
            for (String sub : java.ownTypes()) {
                if (!sub.equals(r) && java.isSubtypeOf(sub, r)) {
                    java.type(sub).orElseThrow().getMethodsByName(name).stream().filter(m -> accepts(m, arity)).forEach(out::add);
                }
            }
        }
        return out;
    }

    /** Every plugin method of that name (and arity, unless -1): the receiver's type is not known. */
    private List<CallableDeclaration<?>> byName(String name, int arity) {
        List<CallableDeclaration<?>> out = new ArrayList<>();
        for (String t : java.ownTypes()) {
            java.type(t).orElseThrow().getMethodsByName(name).stream()
                    .filter(m -> arity < 0 || accepts(m, arity)).forEach(out::add);
        }
        return out;
    }

    private List<CallableDeclaration<?>> constructors(ObjectCreationExpr create) {
        String type = java.resolve(JavaModel.enclosingType(create), create.getType().getNameWithScope());
        List<CallableDeclaration<?>> out = new ArrayList<>();
        java.type(type).filter(t -> java.isOwn(type)).ifPresent(t -> {
            for (ConstructorDeclaration c : t.getConstructors()) {
                if (c.getParameters().size() == create.getArguments().size()) {
                    out.add(c);
                }
            }
        });
        create.getAnonymousClassBody().ifPresent(body -> body.forEach(member -> {
            if (member instanceof CallableDeclaration<?> c) {
                out.add(c);
            }
        }));
        return out;
    }

    private static boolean accepts(MethodDeclaration m, int arity) {
        int n = m.getParameters().size();
        return n == arity || n > 0 && m.getParameter(n - 1).isVarArgs() && arity >= n - 1;
    }

    /** The declared type of an expression where the source names it, resolved; null when it does not. */
    String typeOf(Expression e) {
        TypeDeclaration<?> context = JavaModel.enclosingType(e);
        if (e instanceof ThisExpr) {
            return JavaModel.fqn(context);
        }
        if (e instanceof ObjectCreationExpr create) {
            return java.resolve(context, create.getType().getNameWithScope());
        }
        if (e instanceof NameExpr n) {
            Type declared = declaredType(n);
            if (declared != null) {
                return declared.isVarType() ? null : java.resolve(JavaModel.enclosingType(declared), erase(declared));
            }
            String name = n.getNameAsString();
            return Character.isUpperCase(name.charAt(0)) ? java.resolve(context, name) : null;
        }
        if (e instanceof FieldAccessExpr f) {
            if (f.getScope() instanceof ThisExpr) {
                Type t = fieldType(context, f.getNameAsString());
                return t == null ? null : java.resolve(context, erase(t));
            }
            String text = f.toString();
            return text.matches("([a-z]\\w*\\.)*[A-Z]\\w*(\\.[A-Z]\\w*)*") ? java.resolve(context, text) : null;
        }
        if (e instanceof MethodCallExpr call) {
            Set<String> returns = new LinkedHashSet<>();
            for (CallableDeclaration<?> t : targets(call)) {
                MethodDeclaration m = (MethodDeclaration) t;
                returns.add(java.resolve(JavaModel.enclosingType(m), erase(m.getType())));
            }
            return returns.size() == 1 ? returns.iterator().next() : null;
        }
        return null;
    }

    /** The declared type of a name: a lambda or method parameter, a local variable, or a field, innermost first. */
    private Type declaredType(NameExpr n) {
        String name = n.getNameAsString();
        for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
            if (p instanceof LambdaExpr l) {
                for (Parameter param : l.getParameters()) {
                    if (param.getNameAsString().equals(name)) {
                        return param.getType().isUnknownType() ? null : param.getType();
                    }
                }
            }
            if (p instanceof CallableDeclaration<?> c) {
                for (Parameter param : c.getParameters()) {
                    if (param.getNameAsString().equals(name)) {
                        return param.getType();
                    }
                }
                for (VariableDeclarator v : c.findAll(VariableDeclarator.class)) {
                    if (v.getNameAsString().equals(name) && !(v.getParentNode().orElse(null) instanceof FieldDeclaration)) {
                        return v.getType();
                    }
                }
            }
            if (p instanceof TypeDeclaration<?> t) {
                Type f = fieldType(t, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private Type fieldType(TypeDeclaration<?> t, String name) {
        for (String a : java.ancestry(JavaModel.fqn(t))) {
            Optional<FieldDeclaration> f = java.type(a).flatMap(x -> x.getFieldByName(name));
            if (f.isPresent()) {
                return f.get().getVariables().stream().filter(v -> v.getNameAsString().equals(name))
                        .findFirst().orElseThrow().getType();
            }
        }
        return null;
    }

    private static String erase(Type t) {
        return t.asString().replaceAll("<.*>", "").replace("[]", "").trim();
    }

    private static String label(CallableDeclaration<?> c) {
        TypeDeclaration<?> t = JavaModel.enclosingType(c);
        return (t == null ? "" : t.getNameAsString() + ".") + c.getNameAsString();
    }

    private static String simple(String fqn) {
        return fqn.substring(fqn.lastIndexOf('.') + 1);
    }
}
