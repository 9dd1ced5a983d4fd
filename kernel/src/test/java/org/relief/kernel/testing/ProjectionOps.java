package org.relief.kernel.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What every service's projection-rebuild test does through /ops/projections and to its own view tables. */
public final class ProjectionOps {
    private ProjectionOps() {}

    /** POST /ops/projections/{projection}/{action} (verify or rebuild) as ops, answered 200. */
    public static ValidatableResponse call(String projection, String action) {
        return given().auth()
                .oauth2(TestTokens.token(null, "ops"))
                .post("/ops/projections/" + projection + "/" + action)
                .then()
                .statusCode(200);
    }

    /** Damages a view behind the service's back: {@code sql} with one parameter must change exactly one row. */
    public static void changeOneRow(DataSource dataSource, String sql, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            int changed = ps.executeUpdate();
            if (changed != 1) {
                throw new AssertionError(
                        "expected to change one row, changed " + changed + ": " + sql + " [" + key + "]");
            }
        }
    }
}
