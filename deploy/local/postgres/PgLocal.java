import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * The Java half of deploy/local/postgres.sh for a machine without PostgreSQL (or its client tools): it unpacks the
 * PostgreSQL build fetched from Maven Central, and creates the role and the databases over JDBC. Run with the JDK's
 * source launcher: {@code java -cp '.local/postgres/libs/*' deploy/local/postgres/PgLocal.java <command> ...}.
 *
 * <pre>
 *   unpack &lt;binaries.jar&gt; &lt;dir&gt;                       the .txz inside the jar, into dir (bin/ lib/ share/)
 *   ensure &lt;host&gt; &lt;port&gt; &lt;role&gt; &lt;password&gt; &lt;db&gt;...   as superuser postgres (trust auth): the role, the databases
 * </pre>
 */
public class PgLocal {
    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("unpack")) {
            unpack(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length >= 5 && args[0].equals("ensure")) {
            ensure(args[1], Integer.parseInt(args[2]), args[3], args[4], java.util.Arrays.copyOfRange(args, 5, args.length));
        } else {
            System.err.println("usage: PgLocal unpack <binaries.jar> <dir> | ensure <host> <port> <role> <password> <db>...");
            System.exit(2);
        }
    }

    static void unpack(Path jar, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(jar + " holds no .txz"));
            try (InputStream in = zip.getInputStream(entry);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IllegalStateException("entry outside the target directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else if (e.isLink()) {
                        Files.createDirectories(target.getParent());
                        Files.copy(dir.resolve(e.getLinkName()), target, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, permissions(e.getMode()));
                    }
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(bits[i]);
            }
        }
        p.add(PosixFilePermission.OWNER_READ);
        return p;
    }

    /** Idempotent: creates what is missing, as {@code postgres.sh} does with psql against an installed server. */
    static void ensure(String host, int port, String role, String password, String[] databases) throws Exception {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                // identifiers and literals cannot be bound as parameters in DDL: both are checked or quoted here
                try (var s = c.createStatement()) {
                    s.execute("create role " + identifier(role) + " login createdb password '" + password.replace("'", "''") + "'");
                }
            }
            for (String db : databases) {
                if (!exists(c, "select 1 from pg_database where datname = ?", db)) {
                    try (var s = c.createStatement()) {
                        s.execute("create database " + identifier(db) + " owner " + identifier(role)
                                + " encoding 'UTF8' template template0");
                    }
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
