package org.relief.requests.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/**
 * A community office's sheet of supplies requests uploaded as a batch (each request checked and submitted on its own,
 * a report of what was accepted and why not), uploaded again without doubling anything, and the office's requests
 * exported back into a sheet.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestSheetTest {
    static final String CSV = "text/csv; charset=UTF-8";

    static JsonPath upload(String org, String sheet, String key, String language) {
        var request = Requests.partner(org).contentType(CSV).header("Accept-Language", language);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(sheet.getBytes(StandardCharsets.UTF_8))
                .post("/help-requests/import")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aSheetIsSubmittedRequestByRequestWithAReportAndUploadingItAgainDoublesNothing() {
        String org = Requests.fresh("sheet-org");
        String other = Requests.fresh("other-org");
        String sheet = "\uFEFFref,priority,community,district,item,quantity,unit,note,contact_phone,organisation_id\r\n"
                + "1,CRITICAL,锦业路小区,雁塔区,n95-mask,1000,piece,独居老人较多,029-8888 0000,\r\n"
                + "1,,,,protective-suit,200,piece,,,\r\n"
                + "2,URGENT,丈八街道二号院,雁塔区,rice-10kg,many,bag,,,\r\n"
                + "3,HIGH,,雁塔区,rice-10kg,5,bag,,,\r\n"
                + ",HIGH,无编号小区,雁塔区,rice-10kg,5,bag,,,\r\n"
                + "4,HIGH,别家小区,雁塔区,rice-10kg,5,bag,,," + other + "\r\n"
                + "5,NORMAL,电子城小区,雁塔区,rice-10kg,5,bag,,,\r\n"
                + "5,HIGH,电子城小区,雁塔区,oil-5l,2,bottle,,,\r\n";
        String key = UUID.randomUUID().toString();

        JsonPath report = upload(org, sheet, key, "zh-CN");
        assertEquals(6, report.getInt("requests"), report.prettify());
        assertEquals(1, report.getInt("accepted"), report.prettify());
        assertEquals(5, report.getInt("rejected"), report.prettify());
        List<Map<String, Object>> outcomes = report.getList("outcomes");
        Map<String, Object> first = outcomes.get(0);
        assertEquals("1", first.get("ref"));
        assertEquals(List.of(2, 3), first.get("rows"));
        assertEquals("ACCEPTED", first.get("status"));
        String id = (String) first.get("requestId");

        // each rejected request says which rows and cells are wrong, in the uploader's language
        Map<String, Object> two = outcomes.get(1);
        assertEquals("REJECTED", two.get("status"));
        assertEquals(
                List.of(Map.of("row", 4, "column", "priority"), Map.of("row", 4, "column", "quantity")),
                rowsAndColumns(two));
        assertTrue(messages(two).get(0).contains("URGENT 不是"), messages(two).toString());
        assertTrue(messages(two).get(1).contains("不是数字：many"), messages(two).toString());
        assertEquals(List.of(Map.of("row", 5, "column", "community")), rowsAndColumns(outcomes.get(2)));
        Map<String, Object> noRef = outcomes.get(3);
        assertEquals(null, noRef.get("ref"));
        assertEquals(List.of(Map.of("row", 6, "column", "ref")), rowsAndColumns(noRef));
        Map<String, Object> foreign = outcomes.get(4);
        assertEquals("4", foreign.get("ref"));
        assertEquals("REJECTED", foreign.get("status"), "a partner submits for its own organisation only");
        assertEquals(List.of(Map.of("row", 7, "column", "organisation_id")), rowsAndColumns(foreign));
        Map<String, Object> five = outcomes.get(5);
        assertEquals(List.of(Map.of("row", 9, "column", "priority")), rowsAndColumns(five));
        assertTrue(messages(five).get(0).contains("第 8 行"), "names the row it differs from: " + messages(five));

        // the accepted one is an ordinary request: two lines, the sheet's Chinese kept
        Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.community", equalTo("锦业路小区"))
                .body("request.priority", equalTo("CRITICAL"))
                .body("request.lines.item", equalTo(List.of("n95-mask", "protective-suit")))
                .body("timeline[0].event", equalTo("Submitted"));

        // the office uploads the same sheet again (it did not see the answer): nothing is submitted twice
        JsonPath again = upload(org, sheet, key, "en");
        assertEquals(0, again.getInt("accepted"), again.prettify());
        assertEquals(1, again.getInt("replayed"), again.prettify());
        assertEquals(id, again.getString("outcomes[0].requestId"));
        assertTrue(again.getString("outcomes[1].errors[0].message").contains("URGENT is not one of"), again.prettify());
        Requests.partner(org).get("/help-requests").then().body("total", equalTo(1));
    }

    @Test
    void theOfficesRequestsComeBackAsASheetThatASpreadsheetOpens() {
        String org = Requests.fresh("sheet-export-org");
        String sheet = "ref,priority,community,district,item,quantity,unit,note,contact_name\n"
                + "a,HIGH,锦业路小区,雁塔区,n95-mask,1000,piece,独居老人较多,王主任\n"
                + "a,HIGH,锦业路小区,雁塔区,protective-suit,200,piece,独居老人较多,王主任\n"
                + "b,HIGH,=1+1 电子城小区,雁塔区,rice-10kg,5,bag,,\n"
                + "c,NORMAL,丈八街道二号院,雁塔区,rice-10kg,5,bag,,\n";
        assertEquals(3, upload(org, sheet, null, "zh").getInt("accepted"));
        Requests.submit(Requests.supplies(Requests.fresh("someone-else"), Requests.fresh("小区"), "HIGH"));

        var exported = Requests.partner(org)
                .queryParam("priority", "HIGH")
                .get("/help-requests/export")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"help-requests-"))
                .extract();
        String csv = new String(exported.asByteArray(), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', csv.charAt(0), csv);
        List<String> lines = csv.substring(1).lines().toList();
        assertTrue(lines.get(0).startsWith("id,organisation_id,kind,status,priority,community"), lines.get(0));
        assertEquals(4, lines.size(), "the HIGH requests' three lines, newest first, nobody else's: " + csv);
        assertTrue(lines.get(1).contains(",HIGH,'=1+1 电子城小区,雁塔区,"), "a formula is defused: " + lines.get(1));
        assertTrue(lines.get(2).contains(",SUPPLIES,SUBMITTED,HIGH,锦业路小区,雁塔区,"), lines.get(2));
        assertTrue(lines.get(2).contains(",n95-mask,piece,1000,"), lines.get(2));
        assertTrue(lines.get(3).contains(",protective-suit,piece,200,"), lines.get(3));
        assertFalse(csv.contains("独居老人较多"), "no notes: they may name people");
        assertFalse(csv.contains("王主任"), "no contact data in a sheet");
    }

    @Test
    void aSheetThatIsNotOursIsA400NamingTheColumns() {
        Requests.partner(Requests.fresh("sheet-org"))
                .contentType(CSV)
                .header("Accept-Language", "zh")
                .body("ref,colour\n1,red\n".getBytes(StandardCharsets.UTF_8))
                .post("/help-requests/import")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/invalid-csv"))
                .body("title", equalTo("文件不是本操作可读取的 CSV"))
                .body("detail", containsString("无法识别的列 [colour]"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rowsAndColumns(Map<String, Object> outcome) {
        return ((List<Map<String, Object>>) outcome.get("errors"))
                .stream()
                        .map(e -> Map.of("row", e.get("row"), "column", e.get("column")))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> messages(Map<String, Object> outcome) {
        return ((List<Map<String, Object>>) outcome.get("errors"))
                .stream().map(e -> (String) e.get("message")).toList();
    }
}
