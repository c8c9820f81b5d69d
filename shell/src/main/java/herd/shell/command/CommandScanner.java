package herd.shell.command;

import herd.session.Complete;
import herd.session.PassThrough;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.util.ReflectionUtils;

/**
 * Turns the Spring Shell {@code @Command} methods of a bean into {@link HerdCommand}s. herd reads
 * the annotations itself (instead of Spring Shell's CommandFactoryBean) to keep argument names,
 * {@code @Complete} and {@code @PassThrough}, and to convert values with one-line errors.
 */
public final class CommandScanner {

    private static final List<String> NODE_PARAMS = List.of("nodes", "exclude", "nodeset", "target");

    private CommandScanner() {
    }

    public static List<HerdCommand> scan(Object bean, Class<?> type) {
        List<HerdCommand> out = new ArrayList<>();
        ReflectionUtils.doWithMethods(type, method -> {
            Command c = AnnotatedElementUtils.findMergedAnnotation(method, Command.class);
            if (c != null) {
                HerdCommand command = new HerdCommand(spec(method, c, type), bean, method);
                command.setAliases(Arrays.stream(c.alias()).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                        .filter(a -> !a.isEmpty()).toList());
                out.add(command);
            }
        });
        return out;
    }

    static CommandSpec spec(Method method, Command c, Class<?> type) {
        String name = String.join(" ", Arrays.stream(c.name()).flatMap(n -> Arrays.stream(n.trim().split("\\s+")))
                .filter(s -> !s.isEmpty()).toList());
        if (name.isEmpty()) {
            name = unCamel(method.getName());
        }
        String group = c.group().isEmpty() ? type.getSimpleName().replaceAll("Commands$", "") : c.group();
        List<ParamSpec> params = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            if (p.getType() != CommandContext.class) {
                params.add(param(p));
            }
        }
        return new CommandSpec(name, group, c.description(), c.help(), params,
                method.isAnnotationPresent(PassThrough.class), c.completionProvider());
    }

    private static ParamSpec param(Parameter p) {
        Complete complete = p.getAnnotation(Complete.class);
        Option o = p.getAnnotation(Option.class);
        if (o != null) {
            String name = o.longName().isEmpty() ? unCamel(p.getName()) : o.longName();
            return new ParamSpec(name, o.shortName(), true, -1, p.getType(), o.description(), o.defaultValue(),
                    o.required(), kind(complete, name, p.getType()), values(complete, p.getType()));
        }
        Argument a = p.getAnnotation(Argument.class);
        if (a != null) {
            String name = unCamel(p.getName());
            return new ParamSpec(name, ' ', false, a.index(), p.getType(), a.description(), a.defaultValue(), false,
                    kind(complete, name, p.getType()), values(complete, p.getType()));
        }
        if (p.isAnnotationPresent(Arguments.class)) {
            String name = unCamel(p.getName());
            return new ParamSpec(name, ' ', false, -1, p.getType(), "", "", false,
                    kind(complete, name, p.getType()), values(complete, p.getType()));
        }
        throw new IllegalStateException("parameter " + p.getName() + " of " + p.getDeclaringExecutable()
                + " has no @Option, @Argument or @Arguments");
    }

    private static Complete.Kind kind(Complete complete, String name, Class<?> type) {
        if (complete != null) {
            return complete.value();
        }
        if (NODE_PARAMS.contains(name)) {
            return Complete.Kind.NODES;
        }
        if (type.isEnum() || type == java.nio.file.Path.class || type == java.io.File.class) {
            return type.isEnum() ? Complete.Kind.VALUES : Complete.Kind.FILES;
        }
        return Complete.Kind.NONE;
    }

    private static List<String> values(Complete complete, Class<?> type) {
        if (complete != null && complete.values().length > 0) {
            return List.of(complete.values());
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        }
        return List.of();
    }

    /** {@code dryRun} → {@code dry-run}. */
    static String unCamel(String s) {
        return s.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
