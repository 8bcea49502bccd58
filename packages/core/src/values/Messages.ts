/**
 * Messages (thông báo): the catalogue of what each error code means, in Vietnamese and English,
 * so that a caller shows a user an error in their language and a translator can add another.
 *
 * Every error and issue the library reports has a stable `code`; the English `message` it carries
 * is written for a developer. The catalogue holds a template per code with named parameters in
 * braces (`{field}`, `{row}`, `{amount}`, `{limit}`, `{value}` …). `[…]` marks an optional part,
 * left out when a parameter it names is absent. An issue's `params` (when it has them) and its
 * `path` and `actual` fill them: {@link paramsOf}.
 *
 * Codes are looked up whole, then without a `:…` suffix (the clause or subject a reason was
 * decided on: `location/not-converted:1` → `location/not-converted`; a suffix that is not a
 * number fills `{value}` when no value is given: `legal-form/not-eligible:large-enterprise`), then
 * by their prefix with `*` (`pack/*`).
 *
 * @example
 * ```ts
 * import { Messages } from "@khuyencong/core"
 * Messages.message("schema/missing", { field: "title" })              // "Thiếu trường bắt buộc title."
 * Messages.message("schema/missing", { field: "title" }, "en")        // "The required field title is missing."
 * Messages.messageOf(issue, "vi")  // the issue in Vietnamese, its English message when the code is not catalogued
 * ```
 * @since 0.2.0
 * @module
 */
import * as Money from "./Money.js"

/**
 * A language of the catalogue.
 * @category models
 * @since 0.2.0
 */
export type Lang = "vi" | "en"

/**
 * Parameters of a message: the field (its path, dotted), the row and column of a spreadsheet, an
 * amount and a limit in đồng (bigint, written as Vietnamese money), a value as received.
 * @category models
 * @since 0.2.0
 * @example `{ field: "activities.0.costLines.0.total", amount: 800000000n, limit: 700000000n }`
 */
export type Params = Readonly<Record<string, string | number | bigint | boolean | undefined>>

/**
 * One catalogue entry: the template in each language.
 * @category models
 * @since 0.2.0
 */
export interface Entry {
  readonly vi: string
  readonly en: string
}

const e = (vi: string, en: string): Entry => ({ vi, en })

/**
 * The catalogue, by code. Codes ending in `/*` cover every code of that prefix not listed.
 * @category catalogue
 * @since 0.2.0
 */
export const catalogue: Readonly<Record<string, Entry>> = {
  // Decoding (schema) — every input
  "schema/missing": e("Thiếu trường bắt buộc {field}.", "The required field {field} is missing."),
  "schema/type": e("Trường {field} sai kiểu dữ liệu[: {value}].", "The field {field} has the wrong type[: {value}]."),
  "schema/invalid": e("Giá trị của trường {field} không hợp lệ[: {value}].", "The value of {field} is not valid[: {value}]."),
  "schema/ambiguous": e("Không xác định được trường {field} thuộc loại nào[: {value}].", "It is unclear which kind of {field} this is[: {value}]."),
  "schema/unexpected": e("Trường {field} không được dùng ở đây.", "The field {field} is not expected here."),
  // Values
  "money/unparseable": e("Số tiền {field} không đọc được[: \"{value}\"].", "The amount {field} cannot be read[: \"{value}\"]."),
  "money/bad-grouping": e("Số tiền[ \"{value}\"] dùng dấu phân cách sai (dấu chấm phân nhóm nghìn, dấu phẩy là dấu thập phân).", "The amount[ \"{value}\"] is grouped wrongly (\".\" groups thousands, \",\" is the decimal separator)."),
  "money/negative": e("Số tiền {field} không được âm[: {value}].", "The amount {field} must not be negative[: {value}]."),
  "money/not-safe-integer": e("Số tiền {field} phải là số nguyên đồng[: {value}].", "The amount {field} must be a whole number of đồng[: {value}]."),
  "money/fractional-dong": e("Số tiền {field} có phần lẻ dưới một đồng[: {value}].", "The amount {field} has a fraction of a đồng[: {value}]."),
  "money/*": e("Số tiền {field} không hợp lệ[: {value}].", "The amount {field} is not valid[: {value}]."),
  "date/unparseable": e("Ngày {field} không đọc được; ghi theo dạng YYYY-MM-DD[: \"{value}\"].", "The date {field} cannot be read; write it as YYYY-MM-DD[: \"{value}\"]."),
  "date/not-text": e("Ngày {field} phải là chuỗi YYYY-MM-DD[: {value}].", "The date {field} must be text YYYY-MM-DD[: {value}]."),
  "date/invalid-day": e("Ngày {field} không có trong lịch[: {value}].", "The date {field} is not a day of the calendar[: {value}]."),
  "date/out-of-range": e("Ngày {field} nằm ngoài khoảng cho phép[: {value}].", "The date {field} is out of range[: {value}]."),
  "date/*": e("Ngày {field} không hợp lệ[: {value}].", "The date {field} is not valid[: {value}]."),
  "date-range/end-before-start": e("Ngày kết thúc {field} trước ngày bắt đầu.", "The end date {field} is before the start date."),
  "rate/unparseable": e("Tỷ lệ {field} không đọc được[: \"{value}\"].", "The rate {field} cannot be read[: \"{value}\"]."),
  "rate/*": e("Tỷ lệ {field} không hợp lệ[: {value}].", "The rate {field} is not valid[: {value}]."),
  "tax-code/format": e("Mã số thuế {field} phải có 10 chữ số, hoặc 10 chữ số - 3 chữ số (đơn vị phụ thuộc)[: {value}].", "The tax code (mã số thuế) {field} must be 10 digits, or 10 digits-3 digits for a branch[: {value}]."),
  "tax-code/check-digit": e("Mã số thuế {field} sai chữ số kiểm tra[: {value}].", "The tax code (mã số thuế) {field} has a wrong check digit[: {value}]."),
  "tax-code/*": e("Mã số thuế {field} không hợp lệ[: {value}].", "The tax code (mã số thuế) {field} is not valid[: {value}]."),
  "admin-units/*": e("Mã đơn vị hành chính {field} không hợp lệ vào ngày đó[: {value}].", "The administrative unit code {field} is not valid on that day[: {value}]."),
  // Establishments (cơ sở công nghiệp nông thôn)
  "establishment/invalid": e("Hồ sơ cơ sở không hợp lệ.", "The establishment (cơ sở) is not valid."),
  "establishment/province-code-not-in-force": e("Mã tỉnh {field} không còn hiệu lực vào ngày đánh giá[: {value}].", "The province code {field} is not in force on the day of assessment[: {value}]."),
  "establishment/district-abolished": e("Cấp huyện đã bỏ từ ngày 01/7/2025; không ghi huyện cho địa chỉ sau ngày đó ({field}).", "Districts were abolished on 2025-07-01; no district is recorded after that day ({field})."),
  "establishment/unit-kind-not-in-force": e("Loại đơn vị hành chính {field} không còn vào ngày đánh giá[: {value}].", "The kind of administrative unit {field} does not exist on the day of assessment[: {value}]."),
  "establishment/converted-not-ward": e("Chỉ phường mới có thể được chuyển đổi từ xã ({field}).", "Only a ward (phường) can have been converted from a commune ({field})."),
  "establishment/tax-code-form-mismatch": e("Mã số thuế không phù hợp loại hình cơ sở ({field}).", "The tax code does not fit the establishment's legal form ({field})."),
  "establishment/*": e("Hồ sơ cơ sở không hợp lệ ở {field}.", "The establishment is not valid at {field}."),
  // Proposals (đề án)
  "proposal/invalid": e("Đề án không hợp lệ.", "The proposal (đề án) is not valid."),
  "proposal/total-mismatch": e("Thành tiền {field} không bằng số lượng × đơn giá[ ({amount} ≠ {limit})].", "The line total {field} is not quantity × unit cost[ ({amount} ≠ {limit})]."),
  "proposal/funding-shortfall": e("Kinh phí đề nghị hỗ trợ + vốn đối ứng + nguồn khác chưa đủ thành tiền ({field})[: {amount} < {limit}].", "Requested support + counterpart funding + other state funding do not cover the line total ({field})[: {amount} < {limit}]."),
  "proposal/funding-excess": e("Kinh phí đề nghị hỗ trợ + vốn đối ứng + nguồn khác vượt thành tiền ({field})[: {amount} > {limit}].", "Requested support + counterpart funding + other state funding exceed the line total ({field})[: {amount} > {limit}]."),
  "proposal/support-exceeds-total": e("Kinh phí đề nghị hỗ trợ vượt thành tiền ({field})[: {amount} > {limit}].", "Requested support exceeds the line total ({field})[: {amount} > {limit}]."),
  "proposal/duration-order": e("Thời gian thực hiện: ngày kết thúc trước ngày bắt đầu ({field}).", "Implementation period: the end is before the start ({field})."),
  "proposal/key-project-activities": e("Đề án khuyến công quốc gia điểm phải có từ hai nội dung hoạt động trở lên ({field}; Thông tư 36/2013/TT-BCT khoản 3 Điều 3).", "A key national project has two or more activities ({field}; Circular 36/2013/TT-BCT art. 3.3)."),
  "proposal/key-project-duration": e("Đề án khuyến công quốc gia điểm có thời gian thực hiện nhiều hơn một năm ({field}; Thông tư 36/2013/TT-BCT khoản 3 Điều 3).", "A key national project lasts more than one year ({field}; Circular 36/2013/TT-BCT art. 3.3)."),
  "proposal/duplicate-activity": e("Nội dung hoạt động bị lặp ({field}).", "An activity is listed twice ({field})."),
  "proposal/duplicate-item": e("Nội dung chi bị lặp ({field}).", "A spending item is listed twice ({field})."),
  "proposal/duplicate-beneficiary": e("Cơ sở thụ hưởng bị lặp ({field}).", "A beneficiary is listed twice ({field})."),
  "proposal/group-duplicate-beneficiary": e("Thành viên đề án nhóm bị lặp ({field}).", "A group member is listed twice ({field})."),
  "proposal/group-beneficiary-unknown": e("Thành viên đề án nhóm không có trong danh sách cơ sở thụ hưởng ({field}).", "A group member is not among the beneficiaries ({field})."),
  "proposal/cost-line-beneficiary-unknown": e("Cơ sở của dòng chi không có trong danh sách cơ sở thụ hưởng ({field}).", "The cost line's establishment is not among the beneficiaries ({field})."),
  "proposal/*": e("Đề án không hợp lệ ở {field}.", "The proposal is not valid at {field}."),
  // Plans and budget envelopes
  "plan/invalid": e("Kế hoạch không hợp lệ.", "The plan (kế hoạch) is not valid."),
  "plan/duplicate-proposal": e("Đề án có hai lần trong kế hoạch ({field}).", "A proposal is in the plan twice ({field})."),
  "plan/province-required": e("Kế hoạch cấp tỉnh phải ghi mã tỉnh ({field}).", "A provincial plan names its province ({field})."),
  "plan/province-not-allowed": e("Kế hoạch cấp quốc gia không ghi mã tỉnh ({field}).", "A national plan names no province ({field})."),
  "plan/envelope-year-mismatch": e("Năm của kinh phí được giao khác năm kế hoạch ({field}).", "The envelope's year differs from the plan's ({field})."),
  "plan/envelope-level-mismatch": e("Cấp của kinh phí được giao khác cấp kế hoạch ({field}).", "The envelope's level differs from the plan's ({field})."),
  "plan/envelope-province-mismatch": e("Tỉnh của kinh phí được giao khác tỉnh của kế hoạch ({field}).", "The envelope's province differs from the plan's ({field})."),
  "plan/*": e("Kế hoạch không hợp lệ ở {field}.", "The plan is not valid at {field}."),
  "budget/province-required": e("Kinh phí cấp tỉnh phải ghi mã tỉnh ({field}).", "A provincial envelope names its province ({field})."),
  "budget/province-not-allowed": e("Kinh phí cấp quốc gia không ghi mã tỉnh ({field}).", "A national envelope names no province ({field})."),
  "budget/source-level-mismatch": e("Nguồn kinh phí không phù hợp cấp ({field}).", "The budget source does not fit the level ({field})."),
  "budget/*": e("Kinh phí được giao không hợp lệ ở {field}.", "The budget envelope is not valid at {field}."),
  // Register import (biểu tổng hợp)
  "import/*": e("Ô[ {field}] không đọc được[: \"{value}\"].", "The cell[ {field}] cannot be read[: \"{value}\"]."),
  "import/bad-amount": e("Số tiền ở cột[ \"{field}\"] không đọc được[: \"{value}\"][ (cột tính bằng {unit})].", "The amount in column[ \"{field}\"] cannot be read[: \"{value}\"][ (the column is in {unit})]."),
  "import/bad-date": e("Ngày ở cột[ \"{field}\"] không đọc được[: \"{value}\"].", "The date in column[ \"{field}\"] cannot be read[: \"{value}\"]."),
  "import/bad-tax-code": e("Mã số thuế không hợp lệ[: \"{value}\"].", "The tax code is not valid[: \"{value}\"]."),
  "import/bad-value": e("Giá trị ở cột[ \"{field}\"] không hợp lệ[: \"{value}\"].", "The value in column[ \"{field}\"] is not valid[: \"{value}\"]."),
  "import/empty-required": e("Cột[ \"{field}\"] bắt buộc nhưng để trống.", "The required column[ \"{field}\"] is empty."),
  "import/unknown-activity": e("Nội dung hoạt động không có trong danh mục[: \"{value}\"].[ Có phải là {closest}?]", "The activity is not in the catalogue[: \"{value}\"].[ Did you mean {closest}?]"),
  "import/duplicate-row": e("Dòng trùng với một đề án đã có[: {value}].", "The row repeats a proposal already listed[: {value}]."),
  "import/duplicate-id": e("Mã đề án bị trùng[: {value}].", "The proposal id is used twice[: {value}]."),
  "import/fractional-dong": e("Số tiền có phần lẻ dưới một đồng[: \"{value}\"].", "The amount has a fraction of a đồng[: \"{value}\"]."),
  "import/lines-do-not-add-up": e("Các dòng chi không cộng đúng tổng[: \"{value}\"].", "The cost lines do not add up to the total[: \"{value}\"]."),
  "import/beneficiary-not-listed": e("Cơ sở thụ hưởng không có trong danh sách cơ sở[: \"{value}\"].", "The beneficiary is not in the list of establishments[: \"{value}\"]."),
  // warnings: what was filled in, chosen or converted (not a cell that could not be read)
  "import/period-defaulted": e("Thời gian thực hiện để trống hoặc không ghi đủ: lấy theo năm kế hoạch[ {year}] (bắt đầu 01/01, kết thúc 31/12).", "The implementation period is blank or incomplete: taken from the plan year[ {year}] (start 01/01, end 31/12)."),
  "import/period-year-defaulted": e("Thời gian thực hiện không ghi năm[: \"{value}\"]: lấy năm kế hoạch[ {year}].", "The implementation period names no year[: \"{value}\"]: the plan year[ {year}] was taken."),
  "import/commune-unchecked": e("Đơn vị hành chính cấp xã[ \"{commune}\"] được ghi nguyên văn, chưa đối chiếu được (không có ngày để chọn danh mục cấp xã, hoặc không có danh mục cho mã tỉnh[ {province}]); tỉnh đã được kiểm tra.", "The commune-level unit[ \"{commune}\"] is recorded as written, not checked (no date to choose the list of communes by, or no list for the province code[ {province}]); the province is checked."),
  "import/unknown-commune": e("Đơn vị hành chính cấp xã[ \"{commune}\"] không có trong danh mục cấp xã[ của {province}][ ngày {date}][ (danh mục tại ngày {listed}: xã đã sáp nhập, đổi tên trước ngày đó không có trong danh mục)]; địa điểm được ghi nguyên văn.[ Có phải là {closest}?]", "The commune-level unit[ \"{commune}\"] is not among the communes[ of {province}][ on {date}][ (the list is as of {listed}: a commune merged or renamed before then is missing from it)]; the location is recorded as written.[ Did you mean {closest}?]"),
  "import/district-abolished": e("Địa điểm ghi cấp huyện[ \"{district}\"], nhưng[ ngày {date}] không còn cấp huyện[ (từ {abolished})]: hãy ghi xã theo tên mới và tỉnh; địa điểm được ghi nguyên văn.", "The location names a district[ \"{district}\"], but[ on {date}] there are no districts[ (since {abolished})]: write the commune by its new name and the province; the location is recorded as written."),
  "import/legacy-encoding-converted": e("Văn bản dùng bảng mã cũ[ {encoding}] đã được chuyển sang Unicode: hãy kiểm tra và lưu lại tệp bằng Unicode.", "Text in a legacy encoding[ ({encoding})] was converted to Unicode: check it and save the file in Unicode."),
  "import/sheet-chosen": e("Tệp có nhiều trang tính: đã đọc trang[ \"{sheet}\"] (theo năm kế hoạch, hoặc năm gần nhất), không đọc các trang khác.", "The workbook holds several sheets: the sheet[ \"{sheet}\"] was read (the plan year's, or the latest), the others were not."),
  "import/header-not-found": e("Không tìm thấy dòng tiêu đề của biểu.", "The register's header row was not found."),
  "import/missing-column": e("Biểu thiếu cột[ {field}].", "The register has no column[ {field}]."),
  "import/sheet-not-found": e("Không có trang tính[ {value}].", "No such sheet[ {value}]."),
  "import/not-xlsx": e("Tệp không phải là bảng tính .xlsx.", "The file is not an .xlsx workbook."),
  "import/legacy-xls": e("Tệp .xls cũ: hãy lưu lại dưới dạng .xlsx.", "A legacy .xls file: save it as .xlsx."),
  "import/empty-file": e("Tệp rỗng.", "The file is empty."),
  // Eligibility reasons (lý do không đủ điều kiện)
  "approved/no": e("Đề án chưa được phê duyệt.", "The proposal is not approved."),
  "catalogue/unknown-activity": e("Nội dung hoạt động không thuộc danh mục được hỗ trợ[: {value}].", "The activity is not in the catalogue of supported activities[: {value}]."),
  "catalogue/unknown-item": e("Nội dung chi không thuộc danh mục[: {value}].", "The spending item is not in the catalogue[: {value}]."),
  "catalogue/item-of-other-activity": e("Nội dung chi thuộc hoạt động khác[: {value}].", "The spending item belongs to another activity[: {value}]."),
  "counterpart/shortfall": e("Vốn đối ứng thấp hơn mức tối thiểu[: {amount} < {limit}].", "Counterpart funding is below the minimum[: {amount} < {limit}]."),
  "double-funding/other-state-funding": e("Nội dung đã được ngân sách nhà nước khác hỗ trợ (trùng lặp).", "The item is already funded by another state budget (double funding)."),
  "double-funding/every-line": e("Mọi dòng chi đều đã được ngân sách nhà nước khác hỗ trợ (trùng lặp).", "Every cost line is already funded by another state budget (double funding)."),
  "difficult-area/area": e("Nội dung này chỉ hỗ trợ ở địa bàn có điều kiện kinh tế - xã hội khó khăn hoặc đặc biệt khó khăn[ (địa bàn: {value})].", "This activity is supported only in areas with difficult or especially difficult socio-economic conditions[ (area: {value})]."),
  "difficult-area/*": e("Địa bàn không thuộc vùng khó khăn được hỗ trợ[: {value}].", "The area is not a difficult area that is supported[: {value}]."),
  "events-abroad/over": e("Vượt số lần hỗ trợ tham gia hội chợ, triển lãm ở nước ngoài trong năm[ (đã có {value})].", "Above the yearly limit of supported events abroad[ ({value} already)]."),
  "events-abroad/*": e("Số lần tham gia hội chợ, triển lãm ở nước ngoài không phù hợp.", "The number of events abroad does not fit the limit."),
  "new-to-area/not-new": e("Công nghệ, sản phẩm đã được áp dụng, sản xuất trên địa bàn: mô hình trình diễn phải là mới ở địa bàn.", "The technology or product is already applied or made in the district: a demonstration model must be new there."),
  "new-to-area/*": e("Mô hình trình diễn không mới trên địa bàn.", "The demonstration model is not new in the district."),
  "polluting/no": e("Cơ sở không gây ô nhiễm môi trường: hỗ trợ di dời chỉ dành cho cơ sở gây ô nhiễm di dời vào khu, cụm công nghiệp.", "The establishment is not found to pollute: relocation support goes only to polluting establishments moving into industrial zones or clusters."),
  "polluting/*": e("Cơ sở không thuộc đối tượng hỗ trợ di dời.", "The establishment is not one that relocation support covers."),
  "eligibility/unknown-establishment": e("Không có hồ sơ cơ sở thụ hưởng {value}.", "No record of the beneficiary {value}."),
  "legal-form/*": e("Loại hình cơ sở không thuộc đối tượng được hỗ trợ[: {value}].", "The establishment's legal form is not one that is supported[: {value}]."),
  "location/not-converted": e("Địa điểm sản xuất là phường của thành phố loại 1 không chuyển đổi từ xã.", "The production location is a ward of a class-1 city that was not converted from a commune."),
  "location/converted-too-long-ago": e("Phường chuyển đổi từ xã đã quá thời hạn được hỗ trợ.", "The ward was converted from a commune too long ago to be supported."),
  "location/ward-class": e("Địa điểm sản xuất là phường của đô thị không thuộc đối tượng hỗ trợ.", "The production location is a ward of a town or city that is not supported."),
  "location/*": e("Địa điểm sản xuất không thuộc địa bàn được hỗ trợ.", "The production location is not in a supported area."),
  "industry/not-listed": e("Ngành nghề sản xuất không thuộc danh mục được hỗ trợ[: {value}].", "The industry is not among the supported ones[: {value}]."),
  "industry/*": e("Ngành nghề sản xuất không thuộc danh mục được hỗ trợ[: {value}].", "The industry is not among the supported ones[: {value}]."),
  "industry-exclusion/*": e("Ngành nghề thuộc danh mục bị loại trừ[: {value}].", "The industry is excluded[: {value}]."),
  "mining-area/*": e("Cơ sở khai thác, chế biến khoáng sản không thuộc đối tượng hỗ trợ.", "Mining and mineral processing is not supported."),
  "khai-thac-che-bien-khoang-san/*": e("Ngành khai thác, chế biến khoáng sản bị loại trừ.", "Mining and mineral processing is excluded."),
  "vat-lieu-xay-dung/*": e("Sản xuất vật liệu xây dựng này bị loại trừ[: {value}].", "This building-material production is excluded[: {value}]."),
  // Evaluation and rule packs
  "evaluate/no-provincial-overlay": e("Chưa có nghị quyết của tỉnh {value}: đề án khuyến công địa phương được tính theo mức quốc gia.", "No provincial resolution of {value}: the local-fund proposal is evaluated at national levels."),
  "evaluate/province-code-closed": e("Mã tỉnh {value} đã hết hiệu lực vào ngày đánh giá.", "The province code {value} was closed on the day of evaluation."),
  "support/province-mismatch": e("Đề án khuyến công địa phương thực hiện ngoài tỉnh của nghị quyết áp dụng[: {value}].", "The local-fund proposal lies outside the province of the provincial overlay[: {value}]."),
  "support/*": e("Không tính được mức hỗ trợ ở {field}.", "The support cannot be computed at {field}."),
  "evaluate/missing-argument": e("Thiếu tham số khi gọi hàm đánh giá: cần đề án, bộ quy tắc đã áp dụng và danh sách cơ sở.", "Evaluate.evaluate is missing an argument: the proposal, the resolved pack and the establishments."),
  "evaluate/*": e("Không đánh giá được đề án[: {value}].", "The proposal cannot be evaluated[: {value}]."),
  "pack/missing": e("Thiếu bộ quy tắc (gói quy định).", "The rule pack is missing."),
  "resolution/no-pack": e("Không có gói quy định nào áp dụng cho ngày {value}.", "No rule pack governs {value}."),
  "resolution/ambiguous": e("Nhiều gói quy định cùng áp dụng cho ngày {value}.", "Several rule packs govern {value}."),
  "pack/outside-period": e("Ngày {value} nằm ngoài giai đoạn của gói quy định.", "The day {value} is outside the rule pack's period."),
  "pack/plan-year-outside-period": e("Năm kế hoạch {value} nằm ngoài giai đoạn của gói quy định.", "The plan year {value} is outside the rule pack's period."),
  "pack/*": e("Gói quy định không hợp lệ ở {field}.", "The rule pack is not valid at {field}."),
  "parameter/no-value-at-date": e("Tham số {field} không có giá trị vào ngày {value}.", "The parameter {field} has no value on {value}."),
  "parameter/*": e("Tham số {field} không hợp lệ.", "The parameter {field} is not valid."),
  "overlay/*": e("Nghị quyết của tỉnh (lớp địa phương) không áp dụng được ở {field}.", "The provincial overlay cannot be applied at {field}."),
  "reform/*": e("Phương án giả định không hợp lệ ở {field}.", "The what-if reform is not valid at {field}."),
  "allocation/*": e("Không phân bổ được kinh phí ở {field}.", "The allocation cannot be made at {field}."),
  "appraisal/*": e("Không thẩm định được kế hoạch ở {field}.", "The plan cannot be appraised at {field}."),
  // The HTTP service
  "request/rate-limited": e(
    "Quá nhiều yêu cầu[ của {principal}]: tối đa {rate} yêu cầu mỗi giây, {burst} yêu cầu cùng lúc; hãy thử lại sau {seconds} giây.",
    "Too many requests[ from {principal}]: at most {rate} a second, {burst} at once; try again in {seconds} s."
  ),
  "request/busy": e(
    "Dịch vụ đang bận tính các yêu cầu lớn khác; hãy thử lại sau 1 giây.",
    "The service is busy computing other large requests; try again in 1 s."
  ),
  // Contracts and the ledger (sổ tạm ứng, thanh toán)
  "contract/evaluation-not-eligible": e("Hợp đồng phải dựa trên đề án đủ điều kiện.", "A contract rests on an eligible proposal."),
  "contract/exceeds-evaluation": e("Kinh phí hợp đồng vượt mức được hỗ trợ[: {amount} > {limit}].", "The contract's support exceeds the evaluation's[: {amount} > {limit}]."),
  "contract/missing-evaluation": e("Hợp đồng thiếu kết quả đánh giá làm căn cứ.", "The contract has no evaluation to rest on."),
  "contract/*": e("Hợp đồng không hợp lệ ở {field}.", "The contract is not valid at {field}."),
  "advance/condition-not-met": e("Chưa đủ điều kiện tạm ứng[ ({event}, {date})].", "The advance's condition is not met[ ({event}, {date})]."),
  "advance/above-progress": e("Tạm ứng[ {amount}] vượt mức theo khối lượng thực hiện[ {limit}].", "The advance[ {amount}] exceeds what the progress allows[ {limit}]."),
  "advance/overall-ceiling": e("Tạm ứng[ {amount}] vượt mức tạm ứng tối đa[ {limit}].", "The advance[ {amount}] exceeds the advance ceiling[ {limit}]."),
  "advance/remainder-before-acceptance": e("Chưa nghiệm thu cơ sở: chưa được tạm ứng, thanh toán phần còn lại.", "The remainder is not paid before base-level acceptance (nghiệm thu cơ sở)."),
  "advance/*": e("Tạm ứng không hợp lệ[ ({event}, {date})].", "The advance is refused[ ({event}, {date})]."),
  "ledger/above-contract": e("Số tiền[ {amount}] vượt kinh phí hợp đồng[ {limit}].", "The amount[ {amount}] exceeds the contract[ {limit}]."),
  "ledger/duplicate-id": e("Mã sự kiện[ {event}] đã có trong sổ.", "The event id[ {event}] is already in the ledger."),
  "ledger/idempotency-conflict": e("Khóa chống trùng đã dùng cho một sự kiện khác[ ({event})].", "The idempotency key was used for a different event[ ({event})]."),
  "ledger/*": e("Sổ tạm ứng, thanh toán từ chối sự kiện[ {event}][ ({date})].", "The ledger refuses the event[ {event}][ ({date})]."),
  "payment/*": e("Thanh toán bị từ chối[ ({event}, {date})].", "The payment is refused[ ({event}, {date})]."),
  "settlement/*": e("Quyết toán bị từ chối[ ({event}, {date})].", "The settlement is refused[ ({event}, {date})]."),
  "refund/*": e("Hoàn trả bị từ chối[ ({event}, {date})].", "The refund is refused[ ({event}, {date})]."),
  "adjustment/*": e("Điều chỉnh bị từ chối[ ({event}, {date})].", "The adjustment is refused[ ({event}, {date})].")
}

const entryOf = (code: string): Entry | undefined => {
  const whole = catalogue[code]
  if (whole !== undefined) return whole
  const bare = code.replace(/:.*$/, "")
  const own = catalogue[bare]
  if (own !== undefined) return own
  const slash = bare.indexOf("/")
  return slash === -1 ? undefined : catalogue[`${bare.slice(0, slash)}/*`]
}

/**
 * Whether the catalogue has a message for the code (itself, without its `:N`, or its prefix).
 * @category catalogue
 * @since 0.2.0
 * @example `Messages.has("proposal/total-mismatch")` → `true`
 */
export const has = (code: string): boolean => entryOf(code) !== undefined

const show = (v: string | number | bigint | boolean): string => (typeof v === "bigint" ? Money.format(v as Money.Money) : String(v))

const fill = (template: string, params: Params): string => {
  const value = (name: string): string | undefined => {
    const v = params[name]
    return v === undefined || v === "" ? undefined : show(v)
  }
  const optional = template.replace(/\[([^\]]*)\]/g, (_, part: string) => {
    const names = [...part.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
    return names.every((n) => value(n) !== undefined) ? part : ""
  })
  return optional.replace(/\{(\w+)\}/g, (_, name: string) => value(name) ?? "").replace(/\s+([.,;:)])/g, "$1").replace(/\(\s*\)/g, "").replace(/\s{2,}/g, " ").trim()
}

/**
 * The message of an error code in a language (default Vietnamese), its parameters filled in;
 * `undefined` when the catalogue has no entry for the code.
 * @category catalogue
 * @since 0.2.0
 * @example `Messages.message("proposal/funding-shortfall", { field: "activities.0.costLines.0", amount: 700000000n, limit: 800000000n }, "en")` → `"Requested support + … do not cover the line total (activities.0.costLines.0): 700.000.000 ₫ < 800.000.000 ₫."`
 */
export const message = (code: string, params: Params = {}, lang: Lang = "vi"): string | undefined => {
  const entry = entryOf(code)
  if (entry === undefined) return undefined
  const suffix = /:(.+)$/.exec(code)?.[1]
  const withSuffix = suffix !== undefined && !/^\d+$/.test(suffix) && params["value"] === undefined ? { ...params, value: term(suffix, lang) } : params
  return fill(entry[lang], withSuffix)
}

/**
 * The words for the codes a reason is decided on (its `:…` suffix), so that a message reads
 * "doanh nghiệp lớn" and not "large-enterprise": legal forms (loại hình), commune-level units,
 * socio-economic difficulty, and the lines of work (ngành, nghề). Those of Decree 45/2012 art. 5.1
 * a–g (primary; codification-khuyen-cong.md l.595–609) in the decree's words, points d, e and g
 * shortened to the line of work they name; the five that Decree 235/2025 adds (graded secondary
 * in the corpus: reported by news summaries, article not seen) as their codes spell them; the
 * excluded bricks in the words of Circular 46/2012 art. 5.1 (primary; l.617). Names only: no
 * figure, and no rule reads them.
 */
const terms: Readonly<Record<string, Entry>> = {
  enterprise: e("doanh nghiệp nhỏ và vừa", "small or medium enterprise"),
  "large-enterprise": e("doanh nghiệp lớn", "large enterprise"),
  cooperative: e("hợp tác xã", "cooperative"),
  "union-of-cooperatives": e("liên hiệp hợp tác xã", "union of cooperatives"),
  "cooperative-group": e("tổ hợp tác", "cooperative group"),
  "business-household": e("hộ kinh doanh", "business household"),
  commune: e("xã", "commune"),
  township: e("thị trấn", "township"),
  ward: e("phường", "ward"),
  "special-zone": e("đặc khu", "special zone"),
  none: e("không khó khăn", "not difficult"),
  difficult: e("khó khăn", "difficult"),
  "especially-difficult": e("đặc biệt khó khăn", "especially difficult"),
  // Decree 45/2012 art. 5.1 a–g
  "che-bien-nong-lam-thuy-san": e("công nghiệp chế biến nông - lâm - thủy sản và chế biến thực phẩm", "processing of farm, forest and aquatic products, and food"),
  "hang-tieu-dung-xuat-khau": e("sản xuất hàng công nghiệp phục vụ tiêu dùng và xuất khẩu, hàng thay thế hàng nhập khẩu", "industrial goods for consumption and export, and import substitutes"),
  "hoa-chat-nong-nghiep": e("công nghiệp hóa chất phục vụ nông nghiệp, nông thôn", "chemicals for agriculture and rural areas"),
  "vat-lieu-xay-dung": e("sản xuất vật liệu xây dựng", "building materials"),
  "co-khi-dien-dien-tu": e("sản xuất, lắp ráp và sửa chữa máy móc, thiết bị, dụng cụ cơ khí, điện, điện tử - tin học", "mechanical, electrical, electronic and IT products, their parts, assembly and repair"),
  "cong-nghiep-ho-tro": e("công nghiệp hỗ trợ", "supporting industries"),
  "tieu-thu-cong-nghiep": e("sản xuất hàng tiểu thủ công nghiệp", "handicrafts"),
  "khai-thac-che-bien-khoang-san": e("khai thác, chế biến khoáng sản", "mining and mineral processing"),
  "san-xuat-sach-hon": e("áp dụng sản xuất sạch hơn", "cleaner production"),
  "xu-ly-o-nhiem-moi-truong": e("xử lý ô nhiễm môi trường", "treatment of environmental pollution"),
  // Decree 235/2025 (secondary: as the codes spell them)
  "cong-nghiep-cong-nghe-cao": e("công nghiệp công nghệ cao", "high-tech industry"),
  "cong-nghiep-sach": e("công nghiệp sạch", "clean industry"),
  "tiet-kiem-nang-luong": e("tiết kiệm năng lượng", "energy saving"),
  "cong-nghiep-moi-truong": e("công nghiệp môi trường", "environmental industry"),
  "nang-luong-than-thien-moi-truong": e("năng lượng thân thiện môi trường", "environmentally friendly energy"),
  // Circular 46/2012 art. 5.1
  "vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien": e("gạch đất sét nung bằng lò thủ công cải tiến", "fired-clay bricks from improved manual kilns"),
  "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong": e("gạch đất sét nung bằng lò vòng", "fired-clay bricks from ring kilns")
}

/**
 * A code in words (thuật ngữ): a legal form, a commune-level unit, a level of difficulty or a line
 * of work (ngành, nghề) in the language asked for, as reasons and forms show them. A finer industry
 * code under a known one is named by the known one's words and the code; an unknown code is
 * returned as it is.
 * @category catalogue
 * @since 0.3.0
 * @example `Messages.term("tieu-thu-cong-nghiep", "vi")` → `"sản xuất hàng tiểu thủ công nghiệp"`; `Messages.term("large-enterprise", "en")` → `"large enterprise"`
 */
export const term = (code: string, lang: Lang = "vi"): string => {
  if (Object.hasOwn(terms, code)) return (terms[code] as Entry)[lang]
  for (let i = code.lastIndexOf("/"); i > 0; i = code.lastIndexOf("/", i - 1)) {
    const head = code.slice(0, i)
    if (Object.hasOwn(terms, head)) return `${(terms[head] as Entry)[lang]} (${code})`
  }
  return code
}

/**
 * What {@link paramsOf} and {@link messageOf} read of an issue or error.
 * @category models
 * @since 0.3.0
 * @example `messageOf({ code: "money/negative", path: ["total"], message: "…" })`
 */
export interface IssueLike {
  readonly code: string
  readonly path?: ReadonlyArray<string | number>
  readonly message?: string
  readonly actual?: unknown
  readonly params?: Params
}

/**
 * The parameters of an issue: its own `params`, with `field` from its path and `value` from the
 * value received (`actual`) when it is a string, number or bigint.
 * @category catalogue
 * @since 0.2.0
 * @example `Messages.paramsOf({ code: "schema/missing", path: ["title"], message: "…" })` → `{ field: "title" }`
 */
export const paramsOf = (issue: IssueLike): Params => {
  const out: Record<string, string | number | bigint | boolean | undefined> = {}
  if (issue.path !== undefined && issue.path.length > 0) out["field"] = issue.path.join(".")
  const a = issue.actual
  if (typeof a === "string" || typeof a === "number" || typeof a === "bigint") out["value"] = a
  return { ...out, ...issue.params }
}

/**
 * The message of an issue or error in a language: the catalogue's, else its own (English)
 * message, else its code.
 * @category catalogue
 * @since 0.2.0
 * @example `Messages.messageOf(r.error.issues[0], "vi")` → `"Thiếu trường bắt buộc title."`
 */
export const messageOf = (issue: IssueLike, lang: Lang = "vi"): string => message(issue.code, paramsOf(issue), lang) ?? issue.message ?? issue.code
