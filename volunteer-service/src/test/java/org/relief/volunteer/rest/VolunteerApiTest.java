package org.relief.volunteer.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;

/**
 * Volunteers through the REST API against the real database: Chinese text round-trips, the skill tree, the filters
 * (a parent skill matches its children, availableAt needs an active volunteer inside a window), windows, deactivation
 * and field-level 400s.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class VolunteerApiTest {
    static final String PROBLEM = "application/problem+json";
    static final String C = Fixtures.COORDINATOR;

    static Map<String, String> window(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    @Test
    void registrationRoundTripsChineseText() {
        String org = "vol-org-" + Fixtures.suffix();
        var body = Fixtures.volunteer("欧阳娜娜", "雁塔区", "medical.nursing", "translation");
        body.put("note", "会说粤语，周末可以");
        String id = Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/volunteers")
                .then()
                .statusCode(201)
                .header("Location", containsString("/volunteers/"))
                .body("organisationId", equalTo(org))
                .body("name", equalTo("欧阳娜娜"))
                .body("district", equalTo("雁塔区"))
                .body("note", equalTo("会说粤语，周末可以"))
                .body("skills", contains("medical.nursing", "translation"))
                .body("active", equalTo(true))
                .body("windows", empty())
                .extract()
                .path("id");
        Fixtures.as(org, C)
                .get("/volunteers/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("欧阳娜娜"))
                .body("note", equalTo("会说粤语，周末可以"))
                .body("phone", equalTo("13800138000"));
        Fixtures.as(org, C).get("/volunteers").then().statusCode(200).body("id", contains(id));
    }

    @Test
    void theSkillTreeHasChineseAndEnglishLabels() {
        Fixtures.as("any-org", "partner")
                .get("/skills")
                .then()
                .statusCode(200)
                .body("code", hasItem("medical"))
                .body("find { it.code == 'medical' }.zh", equalTo("医疗"))
                .body(
                        "find { it.code == 'medical' }.children.code",
                        contains("medical.nucleic-acid-sampling", "medical.nursing"))
                .body("find { it.code == 'driving' }.children[0].zh", equalTo("货车驾驶"))
                .body("find { it.code == 'translation' }.en", equalTo("Translation"));
    }

    @Test
    void filtersBySkillIncludingChildrenDistrictAndAvailability() {
        String org = "vol-org-" + Fixtures.suffix();
        String nurse = Fixtures.register(org, Fixtures.volunteer("护士甲", "雁塔区", "medical.nursing"));
        String medic = Fixtures.register(org, Fixtures.volunteer("医生乙", "未央区", "medical"));
        String driver = Fixtures.register(org, Fixtures.volunteer("司机丙", "雁塔区", "driving.truck", "loading"));
        String gone = Fixtures.register(org, Fixtures.volunteer("丁", "雁塔区", "medical.nucleic-acid-sampling"));

        Fixtures.as(org, C)
                .queryParam("skill", "medical")
                .get("/volunteers")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder(nurse, medic, gone));
        Fixtures.as(org, C)
                .queryParam("skill", "medical.nursing")
                .get("/volunteers")
                .then()
                .body("id", contains(nurse));
        Fixtures.as(org, C)
                .queryParam("skill", "driving")
                .get("/volunteers")
                .then()
                .body("id", contains(driver));
        Fixtures.as(org, C)
                .queryParam("district", "雁塔区")
                .get("/volunteers")
                .then()
                .body("id", containsInAnyOrder(nurse, driver, gone));
        Fixtures.as(org, C)
                .queryParam("skill", "medical")
                .queryParam("district", "雁塔区")
                .get("/volunteers")
                .then()
                .body("id", containsInAnyOrder(nurse, gone));

        var morning = window("2026-12-01T00:00:00Z", "2026-12-01T04:00:00Z");
        for (String v : List.of(nurse, gone)) {
            Fixtures.as(org, C)
                    .contentType(ContentType.JSON)
                    .body(Map.of("windows", List.of(morning)))
                    .put("/volunteers/" + v + "/availability")
                    .then()
                    .statusCode(200);
        }
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(window("2026-12-01T04:00:00Z", "2026-12-01T10:00:00Z"))))
                .put("/volunteers/" + medic + "/availability")
                .then()
                .statusCode(200);
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "返乡"))
                .post("/volunteers/" + gone + "/deactivation")
                .then()
                .statusCode(200);

        // 08:00 in Beijing is midnight UTC: the nurse's window starts; the deactivated one is no longer available
        Fixtures.as(org, C)
                .queryParam("availableAt", "2026-12-01T08:00:00+08:00")
                .get("/volunteers")
                .then()
                .body("id", contains(nurse));
        // the end is exclusive: at 04:00 only the medic's window holds
        Fixtures.as(org, C)
                .queryParam("availableAt", "2026-12-01T04:00:00Z")
                .queryParam("skill", "medical")
                .get("/volunteers")
                .then()
                .body("id", contains(medic));
        Fixtures.as(org, C)
                .queryParam("availableAt", "2026-12-02T04:00:00Z")
                .get("/volunteers")
                .then()
                .body("id", empty());

        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .queryParam("skill", "medical.surgery")
                .get("/volunteers")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("技能目录"));
        Fixtures.as(org, C)
                .queryParam("availableAt", "tomorrow")
                .get("/volunteers")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void windowsAreSetSortedAndBadOnesRefused() {
        String org = "vol-org-" + Fixtures.suffix();
        String v = Fixtures.register(org, Fixtures.volunteer("王芳", "碑林区", "elderly-care"));
        var later = window("2026-12-01T12:00:00Z", "2026-12-01T18:00:00Z");
        var first = window("2026-12-01T08:00:00+08:00", "2026-12-01T12:00:00Z");
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(later, first)))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(200)
                .body("windows.from", contains("2026-12-01T00:00:00Z", "2026-12-01T12:00:00Z"));

        var overlapping = window("2026-12-01T11:00:00Z", "2026-12-01T13:00:00Z");
        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(first, overlapping)))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("重叠"));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(window("2026-12-01T11:00:00Z", "2026-12-01T10:00:00Z"))))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(400);
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(window("2027-01-01T00:00:00Z", "2027-01-01T01:00:00Z"));
        }
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", many))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(containsString("windows")));
        // the refused PUTs changed nothing; an empty list clears
        Fixtures.as(org, C).get("/volunteers/" + v).then().body("windows.size()", equalTo(2));
        Fixtures.as(org, C)
                .queryParam("availableAt", "2026-12-01T13:00:00Z")
                .get("/volunteers")
                .then()
                .body("id", contains(v));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of()))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(200)
                .body("windows", empty());
        Fixtures.as(org, C)
                .queryParam("availableAt", "2026-12-01T13:00:00Z")
                .get("/volunteers")
                .then()
                .body("id", empty());
    }

    @Test
    void deactivatingTwiceIs409() {
        String org = "vol-org-" + Fixtures.suffix();
        String v = Fixtures.register(org, Fixtures.volunteer("赵磊", "长安区", "loading"));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "身体原因"))
                .post("/volunteers/" + v + "/deactivation")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("deactivationReason", equalTo("身体原因"));
        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "再次"))
                .post("/volunteers/" + v + "/deactivation")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("已经停用"));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of()))
                .put("/volunteers/" + v + "/availability")
                .then()
                .statusCode(409);
        Fixtures.as(org, C).get("/volunteers/" + v).then().body("deactivationReason", equalTo("身体原因"));
    }

    @Test
    void badFieldsAreNamedInA400() {
        String org = "vol-org-" + Fixtures.suffix();
        var body = Fixtures.volunteer("长".repeat(101), "雁塔区", "medical", "medical.surgery", "driving", "flying");
        body.put("phone", "not a phone");
        Response r =
                Fixtures.as(org, C).contentType(ContentType.JSON).body(body).post("/volunteers");
        r.then().statusCode(400).contentType(startsWith(PROBLEM));
        List<String> fields = r.jsonPath().getList("errors.field");
        assertEquals(List.of("name", "phone", "skills[1]", "skills[3]"), fields, r.asString());

        var none = Fixtures.volunteer("李四", "雁塔区");
        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(none)
                .post("/volunteers")
                .then()
                .statusCode(400)
                .body("errors.field", contains("skills"));
        var unknown = Fixtures.volunteer("李四", "雁塔区", "cooking");
        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(unknown)
                .post("/volunteers")
                .then()
                .statusCode(400)
                .body("errors.field", contains("skills[0]"))
                .body("errors.message", contains(containsString("技能目录")));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/volunteers/nobody/deactivation")
                .then()
                .statusCode(400)
                .body("errors.field", contains("reason"));
        Fixtures.as(org, C).get("/volunteers").then().body("id", empty());
    }
}
