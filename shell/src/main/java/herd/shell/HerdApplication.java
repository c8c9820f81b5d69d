package herd.shell;

import herd.session.Session;
import herd.shell.command.CommandScanner;
import herd.shell.command.HerdCommand;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.util.ClassUtils;

/**
 * The Spring Boot application: it finds the command adapters (every {@code @Component} under
 * {@code herd} with {@code @Command} methods) and wires herd's own replacements of Spring Shell's
 * runner, parser and completer. No auto-configuration: herd needs none of Boot's or Spring
 * Shell's (their runner, parser and completer are the 4.0.1 defects herd replaces), and leaving
 * them out saves most of the start-up. The process entry point is {@link Main}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ComponentScan("herd")
public class HerdApplication {

    /** Every command of every adapter bean. */
    @Bean
    public Commands commands(ApplicationContext context) {
        List<HerdCommand> all = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type != null && type.getName().startsWith("herd.") && hasCommands(ClassUtils.getUserClass(type))) {
                all.addAll(CommandScanner.scan(context.getBean(name), ClassUtils.getUserClass(type)));
            }
        }
        return new Commands(all);
    }

    @Bean
    public Executor executor(Session session, Commands commands) {
        return new Executor(session, commands);
    }

    @Bean
    public HerdCompleter completer(Session session, Commands commands, ApplicationContext context) {
        return new HerdCompleter(commands, session, name -> {
            try {
                return context.getBean(name, CompletionProvider.class);
            } catch (NoSuchBeanDefinitionException e) {
                return null;
            }
        });
    }

    private static boolean hasCommands(Class<?> type) {
        for (var m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(org.springframework.shell.core.command.annotation.Command.class)) {
                return true;
            }
        }
        return false;
    }
}
