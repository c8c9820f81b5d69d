package herd.shell.command;

import herd.session.UsageException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

/**
 * A Spring Shell command made from one {@code @Command} method, invoked by herd: values are
 * converted by type with one-line usage errors, and the method's own exception reaches the
 * ErrorReporter unwrapped.
 */
public final class HerdCommand extends AbstractCommand {

    private final CommandSpec spec;
    private final Object target;
    private final Method method;

    HerdCommand(CommandSpec spec, Object target, Method method) {
        super(spec.name(), spec.description(), spec.group(), spec.help(), false);
        this.spec = spec;
        this.target = target;
        this.method = method;
        method.setAccessible(true);
        setOptions(spec.options().stream().map(p -> CommandOption.with().longName(p.name()).shortName(p.shortName())
                .description(p.description()).required(p.required()).defaultValue(p.defaultValue()).type(p.type())
                .build()).toList());
    }

    public CommandSpec spec() {
        return spec;
    }

    @Override
    public ExitStatus execute(CommandContext context) throws Exception {
        return doExecute(context);
    }

    @Override
    public ExitStatus doExecute(CommandContext context) throws Exception {
        List<Object> args = new ArrayList<>();
        int param = 0;
        for (Class<?> t : method.getParameterTypes()) {
            if (t == CommandContext.class) {
                args.add(context);
            } else {
                args.add(value(spec.params().get(param++), context));
            }
        }
        try {
            Object result = method.invoke(target, args.toArray());
            if (result != null) {
                context.outputWriter().println(result);
                context.outputWriter().flush();
            }
            return ExitStatus.OK;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private Object value(ParamSpec p, CommandContext context) {
        if (p.option()) {
            CommandOption given = context.getOptionByLongName(p.name());
            if (given == null) {
                if (p.required()) {
                    throw new UsageException(spec.name() + ": missing option --" + p.name());
                }
                return p.defaultValue().isEmpty() ? empty(p.type()) : convert(p, p.defaultValue());
            }
            return convert(p, given.value());
        }
        if (p.rest()) {
            List<String> all = context.parsedInput().arguments().stream().map(CommandArgument::value).toList();
            return p.type().isArray() ? all.toArray(new String[0]) : all;
        }
        CommandArgument a = context.getArgumentByIndex(p.index());
        String raw = a == null ? p.defaultValue() : a.value();
        return raw.isEmpty() && a == null ? empty(p.type()) : convert(p, raw);
    }

    private static Object empty(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class) {
            return type == long.class ? 0L : type == short.class ? (short) 0 : 0;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    /** Text to the parameter's type; a bad value is a usage error naming the parameter. */
    Object convert(ParamSpec p, String raw) {
        Class<?> t = p.type();
        String what = p.option() ? "--" + p.name() : p.name().toUpperCase(Locale.ROOT);
        try {
            if (t == String.class || t == Object.class) {
                return raw;
            }
            if (t == boolean.class || t == Boolean.class) {
                if (!raw.equals("true") && !raw.equals("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(raw);
            }
            if (t == int.class || t == Integer.class) {
                return Integer.parseInt(raw);
            }
            if (t == long.class || t == Long.class) {
                return Long.parseLong(raw);
            }
            if (t == double.class || t == Double.class) {
                return Double.parseDouble(raw);
            }
            if (t == Path.class) {
                return Path.of(raw);
            }
            if (t.isEnum()) {
                String wanted = raw.toUpperCase(Locale.ROOT).replace('-', '_');
                for (Object c : t.getEnumConstants()) {
                    if (((Enum<?>) c).name().equals(wanted)) {
                        return c;
                    }
                }
                throw new UsageException(spec.name() + ": " + what + ": expected one of " + String.join(", ", p.values())
                        + ", got \"" + raw + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.name() + ": " + what + ": expected " + typeName(t) + ", got \"" + raw + "\"");
        }
        throw new IllegalStateException("parameter type " + t.getName() + " of " + spec.name() + " is not supported");
    }

    private static String typeName(Class<?> t) {
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == double.class || t == Double.class) {
            return "a number";
        }
        return t == Path.class ? "a path" : "a whole number";
    }
}
