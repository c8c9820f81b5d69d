package herd.lab.redfish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long actions of a lab BMC run as Redfish tasks: the action answers 202 Accepted with a task
 * monitor in {@code Location}; the monitor answers 202 while the task runs and 204 once it is
 * done; {@code Tasks/N} is the Task resource (TaskState Running, Completed or Exception).
 */
final class RedfishTasks {

    static final String SERVICE = RedfishSystem.ROOT + "/TaskService";
    static final String TASKS = SERVICE + "/Tasks";

    private static final class Task {
        final String id;
        final String name;
        volatile String state = "Running";
        volatile String message = "";

        Task(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final ExecutorService executor;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    RedfishTasks(ExecutorService executor) {
        this.executor = executor;
    }

    RedfishServer.Reply start(String name, Runnable work) {
        Task task = new Task(Integer.toString(ids.incrementAndGet()), name);
        tasks.put(task.id, task);
        executor.execute(() -> {
            try {
                work.run();
                task.state = "Completed";
            } catch (RuntimeException e) {
                task.message = String.valueOf(e.getMessage());
                task.state = "Exception";
            }
        });
        return new RedfishServer.Reply(202, resource(task), Map.of("Location", monitor(task)));
    }

    RedfishServer.Reply get(String path) {
        if (path.equals(SERVICE)) {
            Map<String, Object> service = RedfishSystem.resource(SERVICE, "#TaskService.v1_1_4.TaskService",
                    "TaskService", "Task Service");
            service.put("ServiceEnabled", true);
            service.put("Tasks", RedfishSystem.link(TASKS));
            return RedfishServer.Reply.ok(service);
        }
        if (path.equals(TASKS)) {
            return RedfishServer.Reply.ok(RedfishSystem.collection(TASKS, "#TaskCollection.TaskCollection",
                    "Task Collection", tasks.keySet().stream().sorted().map(id -> TASKS + "/" + id).toList()));
        }
        String rest = path.startsWith(TASKS + "/") ? path.substring(TASKS.length() + 1) : "";
        boolean isMonitor = rest.endsWith("/Monitor");
        Task task = tasks.get(isMonitor ? rest.substring(0, rest.length() - "/Monitor".length()) : rest);
        if (task == null) {
            return RedfishServer.Reply.error(404, "Base.1.8.ResourceMissingAtURI",
                    "The resource at the URI " + path + " was not found.");
        }
        if (!isMonitor) {
            return RedfishServer.Reply.ok(resource(task));
        }
        return switch (task.state) {
            case "Running" -> new RedfishServer.Reply(202, resource(task), Map.of("Location", monitor(task)));
            case "Completed" -> RedfishServer.Reply.noContent();
            default -> RedfishServer.Reply.error(500, "Base.1.8.InternalError",
                    "The request failed due to an internal service error: " + task.message);
        };
    }

    private static String monitor(Task task) {
        return TASKS + "/" + task.id + "/Monitor";
    }

    private static Map<String, Object> resource(Task task) {
        Map<String, Object> r = new LinkedHashMap<>(RedfishSystem.resource(TASKS + "/" + task.id,
                "#Task.v1_4_3.Task", task.id, task.name));
        r.put("TaskState", task.state);
        r.put("TaskStatus", task.state.equals("Exception") ? "Critical" : "OK");
        r.put("TaskMonitor", monitor(task));
        r.put("Messages", task.message.isEmpty() ? List.of() : List.of(Map.of("MessageId", "Base.1.8.InternalError",
                "Message", task.message)));
        return r;
    }
}
