import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inbound benchmark's two ends: an open-loop sender of signed Meta notifications at a fixed rate
 * (one inbound message to three statuses, as Meta's sizing guidance has it) and the customer's webhook
 * receiver, which times each Chakra event from the moment its notification was due to be sent.
 *
 * <p>Outgoing messages {@code <out-prefix>0 .. <out-prefix>N} must exist (PENDING) before the run, N at least
 * rate * seconds / 4: each gets its 'sent', 'delivered' and 'read', half a second apart.
 *
 * <p>{@code java bench/src/InboundLoad.java --url BASE --app-secret S --waba W --pnid P --receiver-port N
 * --rate 4000 --seconds 10 --out-prefix wamid.bench-out- --out-count 10000 --run R}. The receiver keeps
 * listening for {@code --drain} seconds after the last send. Prints one key=value line.
 *
 * <p>The generator shares a small machine with the server it measures, so it is built to cost little CPU.
 * On such a machine (a VM) every thread wake-up costs some 30 microseconds of CPU, more than the work itself;
 * the JDK HttpClient, com.sun.net.httpserver and virtual threads each add several per request (0.64 of a core
 * at 1 000/s). So: every timed request (body, signature and HTTP head) is built before the run; the sending
 * thread writes each request straight to an idle keep-alive socket; one selector thread reads every socket,
 * the sender's answers and the receiver's events alike (whatever arrives together costs one wake-up); sends
 * falling due within {@link #MIN_SLEEP_NANOS} of each other go out together; and the receiver finds the
 * event's id by scanning the raw bytes.
 */
public class InboundLoad {

    /**
     * The sender sleeps at least this long between sends: at 4 000/s it wakes every half millisecond and sends
     * the two requests then due, instead of waking for each (a wake-up costs about as much as a send). A request
     * thus goes out up to this much late; its latency still counts from its due time, so batching can only
     * lengthen the measured latencies, never shorten them. At 2 000/s and below every request goes out alone.
     */
    private static final long MIN_SLEEP_NANOS = 500_000L;

    private static final String USAGE = "usage: java bench/src/InboundLoad.java --url BASE --app-secret S --waba W"
            + " --pnid P --receiver-port N [--rate 1000] [--seconds 10] [--drain 10] [--warmup 5]"
            + " [--max-in-flight 256] [--out-prefix wamid.bench-out-] [--out-count 10000] [--run r]";

    public static void main(String[] args) throws Exception {
        Map<String, String> opt;
        Sender sender;
        try {
            opt = options(args);
            sender = new Sender(URI.create(opt.get("url") + "/webhooks/meta"));
        } catch (IllegalArgumentException e) {
            System.err.println("InboundLoad: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        String secret = opt.get("app-secret");
        String waba = opt.get("waba");
        String pnid = opt.get("pnid");
        int rate = Integer.parseInt(opt.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int drain = Integer.parseInt(opt.getOrDefault("drain", "10"));
        String outPrefix = opt.getOrDefault("out-prefix", "wamid.bench-out-");
        int outCount = Integer.parseInt(opt.getOrDefault("out-count", "10000"));
        String run = opt.getOrDefault("run", "r");
        // Meta delivers with bounded concurrency per app; so does this sender (a slow server lowers the
        // achieved rate instead of piling up unbounded requests). It also bounds the sender's connections.
        Semaphore inFlight = new Semaphore(Integer.parseInt(opt.getOrDefault("max-in-flight", "256")));
        int warmupSeconds = Integer.parseInt(opt.getOrDefault("warmup", "5"));

        Reactor reactor = new Reactor();
        try {
            sender.start(reactor);
        } catch (IOException e) {
            System.err.println("InboundLoad: cannot connect to " + opt.get("url") + ": " + e);
            System.exit(1);
        }
        int total = rate * seconds;
        Events events = new Events(total * 2);
        Receiver receiver = new Receiver(Integer.parseInt(opt.get("receiver-port")), events, reactor);

        // Everything the timed loop sends is built first, so that building and signing is not measured and does
        // not compete with the server for CPU, and before the warm-up, so that compiling that code does not
        // either. The notifications' timestamps are their due times as if the run started right after a warm-up
        // beginning now: the building's few hundred milliseconds early (Meta's are a little in the past, too).
        long intervalNanos = 1_000_000_000L / rate;
        long plannedStartMillis = System.currentTimeMillis() + (warmupSeconds + 2) * 1000L + 200;
        Notifications notifications = new Notifications(sender, secret, waba, pnid);
        String[] keys = new String[total];
        byte[][] requests = new byte[total][];
        notifications.plan(rate, run, outPrefix, outCount, plannedStartMillis, intervalNanos, keys, requests);

        warmUp(sender, notifications, run, Math.max(100, rate / 4), warmupSeconds, inFlight);
        long start = System.nanoTime() + 200_000_000L;

        Answers answers = new Answers(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            sleepUntil(due);
            events.dueAt.put(keys[i], due);
            events.sent.add(keys[i]);
            inFlight.acquire();
            int index = i;
            sender.send(requests[i], status -> {
                inFlight.release();
                answers.record(index, System.nanoTime() - due, status);
            });
        }
        long sendEnd = System.nanoTime();
        long deadline = System.nanoTime() + drain * 1_000_000_000L;
        while ((answers.count() < total || !events.dueAt.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        receiver.stop();
        double achieved = total / ((sendEnd - start) / 1e9);
        long[] answerMicros = answers.sortedMicros();
        long[] deliveries = events.sortedDeliveries();
        int superseded = events.superseded();
        System.out.printf("rate=%d sent=%d achieved_rate=%.0f answer_p50_ms=%.1f answer_p99_ms=%.1f answer_max_ms=%.1f"
                        + " events=%d missing=%d duplicates=%d deliver_p50_ms=%.1f deliver_p99_ms=%.1f"
                        + " deliver_max_ms=%.1f statuses=%s superseded=%d%n",
                rate, total, achieved, pct(answerMicros, 50), pct(answerMicros, 99), max(answerMicros),
                deliveries.length, events.dueAt.size() - superseded, events.duplicates.sum(), pct(deliveries, 50),
                pct(deliveries, 99), max(deliveries), answers.statuses(), superseded);
        System.exit(0);
    }

    /** Inbound text messages at a low rate, not measured: JIT, connection pools and caches warm up first. */
    private static void warmUp(Sender sender, Notifications notifications, String run, int rate, int seconds,
            Semaphore inFlight) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            sleepUntil(start + i * (1_000_000_000L / rate));
            byte[] request = notifications.warmUp(run, i);
            inFlight.acquire();
            sender.send(request, status -> inFlight.release());
        }
        Thread.sleep(2000);
    }

    /** Sleeps until {@code due} if it is ahead, but for at least {@link #MIN_SLEEP_NANOS}. Never returns early. */
    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            wait = Math.max(wait, MIN_SLEEP_NANOS);
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The timed requests' outcomes: each one's latency from its due time, and the count of each status. */
    static final class Answers {
        private final long[] micros;
        private final AtomicLongArray codes = new AtomicLongArray(600);
        private final LongAdder ioErrors = new LongAdder();
        private final AtomicLong answered = new AtomicLong();

        Answers(int total) {
            micros = new long[total];
        }

        /** {@code status} is the HTTP status, or -1 for an I/O error. */
        void record(int index, long nanos, int status) {
            micros[index] = nanos / 1000;
            if (status < 0 || status >= codes.length()) {
                ioErrors.increment();
            } else {
                codes.incrementAndGet(status);
            }
            answered.incrementAndGet();
        }

        long count() {
            return answered.get();
        }

        long[] sortedMicros() {
            long[] sorted = Arrays.copyOf(micros, (int) Math.min(answered.get(), micros.length));
            Arrays.sort(sorted);
            return sorted;
        }

        /** "200:39990,io:10": the statuses seen, in order, then I/O errors. */
        String statuses() {
            StringBuilder text = new StringBuilder();
            for (int code = 0; code < codes.length(); code++) {
                if (codes.get(code) > 0) {
                    text.append(text.isEmpty() ? "" : ",").append(code).append(':').append(codes.get(code));
                }
            }
            if (ioErrors.sum() > 0) {
                text.append(text.isEmpty() ? "" : ",").append("io:").append(ioErrors.sum());
            }
            return text.toString();
        }
    }

    /** The signed Meta notifications, as complete HTTP requests. */
    static final class Notifications {
        private static final String[] STATUSES = {"sent", "delivered", "read"};
        private final Sender sender;
        private final String waba;
        private final String pnid;
        private final Mac mac;

        Notifications(Sender sender, String secret, String waba, String pnid) throws Exception {
            this.sender = sender;
            this.waba = waba;
            this.pnid = pnid;
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }

        byte[] warmUp(String run, int i) {
            String from = "9191" + String.format("%08d", i % 500);
            return request(envelope("15550009999", "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid.warm-" + run
                    + "-" + i + "\",\"timestamp\":\"1750025136\",\"type\":\"text\",\"text\":{\"body\":\"warm\"}}]"));
        }

        /**
         * Fills {@code keys} (what the receiver will see: the wamid, plus "/STATUS" for statuses) and
         * {@code requests} for the timed run. Group g: one inbound message, then 'sent' for outgoing message g,
         * 'delivered' for g - gap and 'read' for g - 2 gap: each message's statuses come half a second apart,
         * in order, as Meta's do.
         */
        void plan(int rate, String run, String outPrefix, int outCount, long startMillis, long intervalNanos,
                String[] keys, byte[][] requests) {
            int gap = Math.max(1, rate / 8);
            for (int i = 0; i < requests.length; i++) {
                long timestamp = (startMillis + i * intervalNanos / 1_000_000) / 1000;
                int group = i / 4;
                int kind = i % 4;
                int message = group - (kind - 1) * gap;
                String value;
                if (kind == 0 || message < 0) {
                    String wamid = "wamid.bench-in-" + run + "-" + i;
                    String from = "9190" + String.format("%08d", group % 2000);
                    value = "\"contacts\":[{\"profile\":{\"name\":\"Customer " + from + "\"},\"wa_id\":\"" + from
                            + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                            + timestamp + "\",\"type\":\"text\",\"text\":{\"body\":\"Hello " + i + "\"}}]";
                    keys[i] = wamid;
                } else {
                    String status = STATUSES[kind - 1];
                    String wamid = outPrefix + (message % outCount);
                    value = "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                            + timestamp + "\",\"recipient_id\":\"9180"
                            + String.format("%08d", (message % outCount) % 500) + "\"}]";
                    keys[i] = wamid + "/" + status.toUpperCase();
                }
                requests[i] = request(envelope("15550001111", value));
            }
        }

        private String envelope(String displayNumber, String value) {
            return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba
                    + "\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                    + "\"metadata\":{\"display_phone_number\":\"" + displayNumber + "\",\"phone_number_id\":\"" + pnid
                    + "\"}," + value + "}}]}]}";
        }

        /** The whole request, head and body, so that it goes out in one write. */
        private byte[] request(String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String signature = HexFormat.of().formatHex(mac.doFinal(body));
            byte[] head = ("POST " + sender.path + " HTTP/1.1\r\nHost: " + sender.host
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nX-Hub-Signature-256: sha256=" + signature + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            return request;
        }
    }

    /**
     * The one thread that reads every socket, the sender's (answers) and the receiver's (events), through a
     * selector: whatever arrives together costs one wake-up, where a thread per connection would wake for each.
     * Handlers run on this thread and must not block.
     */
    static final class Reactor {
        interface Handler {
            /** The channel is readable (or acceptable): consume what is there, without blocking. */
            void ready();
        }

        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final List<Runnable> everySecond = new CopyOnWriteArrayList<>();

        Reactor() throws IOException {
            selector = Selector.open();
            Thread.ofPlatform().daemon().name("reactor").start(this::loop);
        }

        /** Registers a channel (on the reactor thread, as selectors want); its handler runs when it is ready. */
        void register(SelectableChannel channel, int ops, Handler handler) {
            execute(() -> {
                try {
                    channel.register(selector, ops, handler);
                } catch (ClosedChannelException e) {
                    // closed meanwhile: nothing to watch
                }
            });
        }

        void everySecond(Runnable task) {
            everySecond.add(task);
        }

        /** Runs {@code task} on the reactor thread and waits for it (5 s at most). */
        void call(Runnable task) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            execute(() -> {
                try {
                    task.run();
                } finally {
                    done.countDown();
                }
            });
            done.await(5, TimeUnit.SECONDS);
        }

        Set<SelectionKey> keys() {
            return selector.keys();
        }

        private void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        private void loop() {
            long nextTick = System.nanoTime() + 1_000_000_000L;
            while (true) {
                try {
                    selector.select(1000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        try {
                            ((Handler) key.attachment()).ready();
                        } catch (RuntimeException e) {
                            e.printStackTrace(); // a bug; but the other connections must go on being read
                        }
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick += 1_000_000_000L;
                    everySecond.forEach(Runnable::run);
                }
            }
        }
    }

    /**
     * An HTTP/1.1 client for one server: a pool of keep-alive connections, each carrying one request at a time
     * (the caller's in-flight limit bounds how many exist). Connections are opened when none is idle.
     */
    static final class Sender {
        final String host;
        final String path;
        private final InetSocketAddress address;
        /** LIFO: the most recently used connection goes out next, which keeps the set of busy sockets small. */
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private final Set<Connection> open = ConcurrentHashMap.newKeySet();
        private Reactor reactor;

        Sender(URI url) {
            if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("--url must be http://host[:port]: " + url);
            }
            this.host = url.getRawAuthority();
            this.path = url.getRawPath();
            this.address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        }

        /** Opens the first connection now, so that a missing server fails the run before it starts. */
        void start(Reactor reactor) throws IOException {
            this.reactor = reactor;
            reactor.everySecond(() -> {
                long now = System.nanoTime();
                open.forEach(connection -> connection.expireIfLate(now));
            });
            idle.push(new Connection(this));
        }

        /**
         * Writes a complete request on an idle connection (or a new one) and returns; {@code done} gets the
         * response's status code, or -1 on an I/O error, on the reactor thread (or on this one if it fails here).
         */
        void send(byte[] request, IntConsumer done) {
            Connection connection = idle.poll();
            while (connection != null && (connection.closed || connection.idleTooLong())) {
                connection.close();
                connection = idle.poll();
            }
            if (connection == null) {
                try {
                    connection = new Connection(this);
                } catch (IOException e) {
                    done.accept(-1);
                    return;
                }
            }
            connection.send(request, done);
        }
    }

    /**
     * One keep-alive client socket. The sending thread writes a request; the reactor reads the answer, reports
     * it, and puts the connection back in the idle pool. The reactor also sees at once when the server closes
     * an idle connection, so that it is not used again.
     */
    static final class Connection implements Reactor.Handler {
        /** The old client's request timeout. */
        private static final long TIMEOUT_NANOS = 30_000_000_000L;
        private final Sender sender;
        private final SocketChannel channel;
        private final HttpIn in;
        /** Whom to tell the outcome of the request in flight; null when idle. Whoever takes it reports. */
        private final AtomicReference<IntConsumer> pending = new AtomicReference<>();
        private volatile long sentAt;
        volatile boolean closed;
        private long idleSince = System.nanoTime();

        /** Connects (blocking, at most 5 s), then hands the socket to the reactor. */
        Connection(Sender sender) throws IOException {
            this.sender = sender;
            channel = SocketChannel.open();
            try {
                channel.socket().connect(sender.address, 5_000);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            in = new HttpIn(channel);
            sender.open.add(this);
            sender.reactor.register(channel, SelectionKey.OP_READ, this);
        }

        void send(byte[] request, IntConsumer done) {
            sentAt = System.nanoTime();
            pending.set(done); // before the write: the answer may come before write() returns
            try {
                ByteBuffer bytes = ByteBuffer.wrap(request);
                channel.write(bytes);
                if (bytes.hasRemaining()) {
                    // An idle connection's send buffer is empty, and far larger than a notification.
                    throw new IOException("socket send buffer full");
                }
            } catch (IOException e) {
                fail();
            }
        }

        /** Reads the answers that have arrived (normally one), on the reactor thread. */
        @Override
        public void ready() {
            try {
                while (true) {
                    int status = readResponse();
                    if (status < 0) {
                        fail(); // the server closed the connection
                        return;
                    }
                    boolean keep = !in.close;
                    IntConsumer done = pending.getAndSet(null);
                    if (keep) {
                        idleSince = System.nanoTime();
                        sender.idle.push(this); // before reporting, so that the freed in-flight slot finds it idle
                    } else {
                        close();
                    }
                    if (done != null) {
                        done.accept(status);
                    }
                    if (!keep || !in.hasBuffered()) {
                        return;
                    }
                }
            } catch (HttpIn.WouldBlock incomplete) {
                in.rewind(); // the rest of the answer has not arrived yet: parse it again when it has
            } catch (IOException e) {
                fail();
            }
        }

        /** The next final response's status code, its body read and dropped; -1 if the connection ended first. */
        private int readResponse() throws IOException {
            do {
                in.begin();
                if (!in.readHead()) {
                    return -1;
                }
                in.readBody(false);
            } while (in.status >= 100 && in.status < 200);
            return in.status;
        }

        void expireIfLate(long now) {
            if (pending.get() != null && now - sentAt > TIMEOUT_NANOS) {
                fail();
            }
        }

        /**
         * Idle for over 10 s: closed rather than reused, well before Tomcat's keep-alive timeout (60 s by default;
         * 20 s in some setups), so that no request goes out on a socket the server is closing.
         */
        boolean idleTooLong() {
            return System.nanoTime() - idleSince > 10_000_000_000L;
        }

        /** Closes first, then reports: a request sent after that finds the socket closed and fails by itself. */
        private void fail() {
            close();
            IntConsumer done = pending.getAndSet(null);
            if (done != null) {
                done.accept(-1);
            }
        }

        void close() {
            closed = true;
            sender.open.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * The customer's webhook receiver: an HTTP/1.1 keep-alive server (the server under test delivers with the
     * JDK HttpClient and keeps its connections open) on the reactor. Answers 200 with an empty body to every
     * request, after recording its event.
     */
    static final class Receiver implements Reactor.Handler {
        private final ServerSocketChannel server;
        private final Reactor reactor;
        private final Events events;

        Receiver(int port, Events events, Reactor reactor) throws IOException {
            this.events = events;
            this.reactor = reactor;
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            server.configureBlocking(false);
            reactor.register(server, SelectionKey.OP_ACCEPT, this);
        }

        /** Accepts the waiting connections. */
        @Override
        public void ready() {
            try {
                for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    reactor.register(channel, SelectionKey.OP_READ, new Delivery(channel, events));
                }
            } catch (IOException e) {
                // a connection that failed while being accepted; the others go on
            }
        }

        /** Stops listening and closes the connections, so that nothing is recorded after this. */
        void stop() throws InterruptedException {
            reactor.call(() -> {
                for (SelectionKey key : reactor.keys()) {
                    if (key.attachment() instanceof Delivery || key.attachment() == this) {
                        try {
                            key.channel().close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    }
                }
            });
        }
    }

    /** One connection of the server under test to the receiver: its requests, each answered 200. */
    static final class Delivery implements Reactor.Handler {
        private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final SocketChannel channel;
        private final HttpIn in;
        private final Events events;
        /** "100 Continue" went out for the request being read (which may be parsed again when more arrives). */
        private boolean continued;

        Delivery(SocketChannel channel, Events events) {
            this.channel = channel;
            this.in = new HttpIn(channel);
            this.events = events;
        }

        /** Records and answers the requests that have arrived (normally one), on the reactor thread. */
        @Override
        public void ready() {
            long now = System.nanoTime(); // as before: when the request has arrived
            try {
                while (true) {
                    in.begin();
                    if (!in.readHead()) {
                        channel.close();
                        return;
                    }
                    if (in.expectContinue && !continued) {
                        write(CONTINUE);
                        continued = true;
                    }
                    in.readBody(true);
                    continued = false;
                    events.record(in.body, in.bodyLength, now);
                    write(OK);
                    if (in.close) {
                        channel.close();
                        return;
                    }
                    if (!in.hasBuffered()) {
                        return;
                    }
                }
            } catch (HttpIn.WouldBlock incomplete) {
                in.rewind(); // the rest of the request has not arrived yet: parse it again when it has
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        /** A few bytes to a client that reads its answers always fit its socket's buffer. */
        private void write(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                throw new IOException("the client does not read its answers");
            }
        }
    }

    /** What the receiver measures: each expected event's delay from its notification's due time. */
    static final class Events {
        private static final byte[] MESSAGE_ID = ascii("\"messageId\"");
        private static final byte[] EXTERNAL_ID = ascii("\"externalId\"");
        private static final byte[] DELIVERY_STATUS = ascii("\"deliveryStatus\"");
        private static final byte[] STATUS_EVENT = ascii("\"event\":\"status\"");
        private static final byte[] WAMID = ascii("wamid.");
        final Map<String, Long> dueAt = new ConcurrentHashMap<>();
        final LongAdder duplicates = new LongAdder();
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        private final long[] deliveryMicros;
        private final AtomicInteger delivered = new AtomicInteger();

        Events(int capacity) {
            deliveryMicros = new long[capacity];
        }

        /**
         * Finds the event's key as the regexes did: the first "messageId" or "externalId" whose value starts
         * with "wamid.", plus "/" and the "deliveryStatus" (if [A-Z]+) for status events.
         */
        void record(byte[] body, int length, long now) {
            String id = wamid(body, length);
            if (id == null) {
                return;
            }
            String key = id;
            if (indexOf(body, length, STATUS_EVENT) >= 0) {
                String status = deliveryStatus(body, length);
                if (status != null) {
                    key = id + "/" + status;
                }
            }
            Long due = dueAt.remove(key);
            if (key.startsWith("wamid.warm-")) {
                // warm-up traffic, not measured
            } else if (due == null && !sent.contains(key)) {
                // an event of an earlier run on the same server (its backlog), not of this one
            } else if (due == null) {
                duplicates.increment();
            } else {
                int i = delivered.getAndIncrement();
                if (i < deliveryMicros.length) {
                    deliveryMicros[i] = (now - due) / 1000;
                }
            }
        }

        /**
         * Status events never sent because a later status of the same message was applied first (its POST
         * overtook this one's): forward-only statuses skip them by design, so they are not "missing".
         */
        int superseded() {
            List<String> order = List.of("SENT", "DELIVERED", "READ");
            int count = 0;
            for (String key : dueAt.keySet()) {
                int slash = key.lastIndexOf('/');
                int rank = slash < 0 ? -1 : order.indexOf(key.substring(slash + 1));
                if (rank < 0) {
                    continue;
                }
                for (String later : order.subList(rank + 1, order.size())) {
                    String laterKey = key.substring(0, slash + 1) + later;
                    if (sent.contains(laterKey) && !dueAt.containsKey(laterKey)) {
                        count++;
                        break;
                    }
                }
            }
            return count;
        }

        long[] sortedDeliveries() {
            long[] deliveries = Arrays.copyOf(deliveryMicros, Math.min(delivered.get(), deliveryMicros.length));
            Arrays.sort(deliveries);
            return deliveries;
        }

        private static String wamid(byte[] b, int length) {
            for (int i = 0; i < length; i++) {
                if (b[i] != '"') {
                    continue;
                }
                int value = valueStart(b, length, i, MESSAGE_ID);
                if (value < 0) {
                    value = valueStart(b, length, i, EXTERNAL_ID);
                }
                if (value >= 0 && startsWith(b, length, value, WAMID)) {
                    int end = value + WAMID.length;
                    while (end < length && b[end] != '"') {
                        end++;
                    }
                    if (end < length && end > value + WAMID.length) {
                        return new String(b, value, end - value, StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }

        private static String deliveryStatus(byte[] b, int length) {
            for (int i = indexOf(b, length, DELIVERY_STATUS); i >= 0; i = indexOf(b, length, DELIVERY_STATUS, i + 1)) {
                int value = valueStart(b, length, i, DELIVERY_STATUS);
                if (value < 0) {
                    continue;
                }
                int end = value;
                while (end < length && b[end] >= 'A' && b[end] <= 'Z') {
                    end++;
                }
                if (end > value && end < length && b[end] == '"') {
                    return new String(b, value, end - value, StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        /** If {@code key} is at {@code at}, followed by {@code \s*:\s*"}: where the string value starts; else -1. */
        private static int valueStart(byte[] b, int length, int at, byte[] key) {
            if (!startsWith(b, length, at, key)) {
                return -1;
            }
            int i = skipSpace(b, length, at + key.length);
            if (i >= length || b[i] != ':') {
                return -1;
            }
            i = skipSpace(b, length, i + 1);
            return i < length && b[i] == '"' ? i + 1 : -1;
        }

        private static int skipSpace(byte[] b, int length, int i) {
            while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '\f'
                    || b[i] == 0x0B)) {
                i++;
            }
            return i;
        }
    }

    /**
     * Reads HTTP/1.1 messages (requests or responses) from a non-blocking socket through one reused buffer: the
     * head, of which only what framing needs is parsed, then the body by Content-Length or chunked coding.
     * When the socket has no more bytes yet, the read methods throw {@link WouldBlock}; the caller then
     * {@link #rewind()}s to the message's start and parses it again once more has arrived (messages are small).
     */
    static final class HttpIn {
        /** Thrown (one shared instance, no stack trace) when a message is not complete yet. */
        static final class WouldBlock extends RuntimeException {
            private static final long serialVersionUID = 1L;

            WouldBlock() {
                super(null, null, false, false);
            }
        }

        private static final WouldBlock WOULD_BLOCK = new WouldBlock();
        private static final int MAX_HEAD = 64 * 1024;
        private static final int MAX_MESSAGE = 16 * 1024 * 1024;
        private final ReadableByteChannel channel;
        private byte[] buf = new byte[8192];
        private ByteBuffer window = ByteBuffer.wrap(buf);
        /** The current message starts at {@code mark}; it is parsed from {@code pos}; bytes end at {@code lim}. */
        private int mark;
        private int pos;
        private int lim;
        /** For a response, its status code; 0 for a request. */
        int status;
        long contentLength;
        boolean chunked;
        /** The connection ends after this message (Connection: close, or HTTP/1.0 without keep-alive). */
        boolean close;
        boolean expectContinue;
        /** The last body read with {@code readBody(true)}. */
        byte[] body = new byte[16 * 1024];
        int bodyLength;

        HttpIn(ReadableByteChannel channel) {
            this.channel = channel;
        }

        /** A message starts here. */
        void begin() {
            mark = pos;
        }

        /** Back to the start of the message, to parse it again when more of it has arrived. */
        void rewind() {
            pos = mark;
        }

        /** Bytes of a next message are already buffered. */
        boolean hasBuffered() {
            return pos < lim;
        }

        /** Reads and parses the next message's head; false if the peer closed the connection between messages. */
        boolean readHead() throws IOException {
            int end;
            while ((end = indexOf(buf, lim, CRLF_CRLF, pos)) < 0) { // heads are small: rescanning is cheap
                if (lim - pos > MAX_HEAD) {
                    throw new IOException("message head too long");
                }
                if (!fill()) {
                    if (pos == lim) {
                        return false;
                    }
                    throw new EOFException("connection closed within a message head");
                }
            }
            parseHead(pos, end);
            pos = end + 4;
            return true;
        }

        /** Reads the body the head announced, keeping it in {@link #body} or discarding it. */
        void readBody(boolean keep) throws IOException {
            bodyLength = 0;
            if (chunked) {
                readChunks(keep);
            } else if (contentLength >= 0) {
                copy(contentLength, keep);
            } else if (status >= 200 && status != 204 && status != 304) {
                copy(-1, keep); // a response without framing ends when the connection does
                close = true;
            }
        }

        private void parseHead(int from, int end) throws IOException {
            int lineEnd = indexOf(buf, end, CRLF, from);
            if (lineEnd < 0) {
                lineEnd = end;
            }
            boolean response = startsWith(buf, lineEnd, from, HTTP_SLASH);
            boolean http10 = response ? startsWith(buf, lineEnd, from, HTTP_10)
                    : lineEnd - from >= HTTP_10.length && startsWith(buf, lineEnd, lineEnd - HTTP_10.length, HTTP_10);
            status = response ? parseStatus(from, lineEnd) : 0;
            contentLength = -1;
            chunked = false;
            expectContinue = false;
            boolean connectionClose = false;
            boolean keepAlive = false;
            for (int line = lineEnd + 2; line < end; ) {
                int next = indexOf(buf, end, CRLF, line);
                if (next < 0) {
                    next = end;
                }
                int colon = indexOf(buf, next, (byte) ':', line);
                if (colon > 0) {
                    int value = colon + 1;
                    if (nameIs(line, colon, CONTENT_LENGTH)) {
                        contentLength = parseLong(value, next);
                    } else if (nameIs(line, colon, TRANSFER_ENCODING)) {
                        chunked = containsIgnoreCase(value, next, CHUNKED);
                    } else if (nameIs(line, colon, CONNECTION)) {
                        connectionClose = containsIgnoreCase(value, next, CLOSE);
                        keepAlive = containsIgnoreCase(value, next, KEEP_ALIVE);
                    } else if (nameIs(line, colon, EXPECT)) {
                        expectContinue = containsIgnoreCase(value, next, CONTINUE_100);
                    }
                }
                line = next + 2;
            }
            close = connectionClose || (http10 && !keepAlive);
        }

        /** "HTTP/1.1 200 OK": the three digits after the first space. */
        private int parseStatus(int from, int lineEnd) throws IOException {
            int i = indexOf(buf, lineEnd, (byte) ' ', from) + 1;
            if (i <= 0 || i + 3 > lineEnd) {
                throw new IOException("malformed status line");
            }
            int code = 0;
            for (int n = 0; n < 3; n++, i++) {
                if (buf[i] < '0' || buf[i] > '9') {
                    throw new IOException("malformed status line");
                }
                code = code * 10 + buf[i] - '0';
            }
            return code;
        }

        private long parseLong(int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                if (buf[i] >= '0' && buf[i] <= '9') {
                    n = n * 10 + buf[i] - '0';
                }
            }
            return n;
        }

        private boolean nameIs(int from, int colon, byte[] lowerName) {
            if (colon - from != lowerName.length) {
                return false;
            }
            for (int i = 0; i < lowerName.length; i++) {
                if ((buf[from + i] | 0x20) != lowerName[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean containsIgnoreCase(int from, int to, byte[] lowerWord) {
            outer:
            for (int i = from; i + lowerWord.length <= to; i++) {
                for (int j = 0; j < lowerWord.length; j++) {
                    if ((buf[i + j] | 0x20) != lowerWord[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        /** Chunk-size line, data, CRLF; after the last (size 0) chunk, trailer lines up to an empty one. */
        private void readChunks(boolean keep) throws IOException {
            while (true) {
                int lineEnd = readLine();
                long size = 0;
                for (int i = pos; i < lineEnd; i++) {
                    int digit = Character.digit(buf[i], 16);
                    if (digit < 0) {
                        break; // chunk extensions or padding
                    }
                    size = size * 16 + digit;
                }
                pos = lineEnd + 2;
                if (size == 0) {
                    break;
                }
                copy(size, keep);
                pos = readLine() + 2;
            }
            for (int lineEnd = readLine(); lineEnd > pos; lineEnd = readLine()) {
                pos = lineEnd + 2;
            }
            pos += 2;
        }

        /** Buffers up to the next CRLF; returns its index (the line is {@code buf[pos, index)}). */
        private int readLine() throws IOException {
            int end;
            while ((end = indexOf(buf, lim, CRLF, pos)) < 0) {
                if (!fill()) {
                    throw new EOFException("connection closed within a chunked body");
                }
            }
            return end;
        }

        /** Consumes {@code n} body bytes, or all up to the end of the stream if n is negative. */
        private void copy(long n, boolean keep) throws IOException {
            boolean toEnd = n < 0;
            while (toEnd || n > 0) {
                if (pos == lim && !fill()) {
                    if (toEnd) {
                        return;
                    }
                    throw new EOFException("connection closed within a body");
                }
                int k = toEnd ? lim - pos : (int) Math.min(n, lim - pos);
                if (keep) {
                    if (bodyLength + k > body.length) {
                        body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + k));
                    }
                    System.arraycopy(buf, pos, body, bodyLength, k);
                    bodyLength += k;
                }
                pos += k;
                n -= k;
            }
        }

        /**
         * Reads more bytes after those buffered, first moving the current message to the front (or growing the
         * buffer); false at end of stream; {@link WouldBlock} if the socket has nothing yet.
         */
        private boolean fill() throws IOException {
            if (mark > 0) {
                System.arraycopy(buf, mark, buf, 0, lim - mark);
                pos -= mark;
                lim -= mark;
                mark = 0;
            }
            if (lim == buf.length) {
                if (buf.length >= MAX_MESSAGE) {
                    throw new IOException("message too long");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
                window = ByteBuffer.wrap(buf);
            }
            window.limit(buf.length).position(lim);
            int n = channel.read(window);
            if (n == 0) {
                throw WOULD_BLOCK;
            }
            if (n < 0) {
                return false;
            }
            lim += n;
            return true;
        }

        private static final byte[] CRLF = ascii("\r\n");
        private static final byte[] CRLF_CRLF = ascii("\r\n\r\n");
        private static final byte[] HTTP_SLASH = ascii("HTTP/");
        private static final byte[] HTTP_10 = ascii("HTTP/1.0");
        private static final byte[] CONTENT_LENGTH = ascii("content-length");
        private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
        private static final byte[] CONNECTION = ascii("connection");
        private static final byte[] EXPECT = ascii("expect");
        private static final byte[] CHUNKED = ascii("chunked");
        private static final byte[] CLOSE = ascii("close");
        private static final byte[] KEEP_ALIVE = ascii("keep-alive");
        private static final byte[] CONTINUE_100 = ascii("100-continue");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] b, int length, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int length, byte[] needle) {
        return indexOf(b, length, needle, 0);
    }

    /** The first index of {@code needle} in {@code b[from, length)}, or -1. */
    private static int indexOf(byte[] b, int length, byte[] needle, int from) {
        byte first = needle[0];
        for (int i = Math.max(0, from); i + needle.length <= length; i++) {
            if (b[i] == first && startsWith(b, length, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int length, byte c, int from) {
        for (int i = Math.max(0, from); i < length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
    }

    private static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : new String[] {"url", "app-secret", "waba", "pnid", "receiver-port"}) {
            if (!opt.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return opt;
    }
}
