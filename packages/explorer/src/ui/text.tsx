/**
 * Vietnamese first, English beside it: the page's own labels in one table, and the components
 * that show a pair. Messages of the library (errors, reasons) come from core's `Messages`.
 */
import type { ComponentChildren } from "preact"

/** A label in both languages: Vietnamese, then English as a smaller second line. */
export function Bi(props: { readonly vi: ComponentChildren; readonly en: ComponentChildren; readonly inline?: boolean }) {
  return (
    <>
      <span lang="vi">{props.vi}</span>
      {props.inline === true ? " " : null}
      <span lang="en" class={props.inline === true ? "en inline" : "en"}>
        {props.en}
      </span>
    </>
  )
}

/** A table's header row: one column header per [Vietnamese, English] pair. */
export function Head(props: { readonly cols: ReadonlyArray<readonly [string, string]> }) {
  return (
    <thead>
      <tr>
        {props.cols.map(([vi, en]) => (
          <th scope="col" key={en}>
            <Bi vi={vi} en={en} />
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** The page's labels: [Vietnamese, English]. */
export const L = {
  title: ["Khuyến công: luật và đánh giá đề án", "Khuyến công: the law, and proposals evaluated"],
  tabLaw: ["Luật theo ngày", "The law at a date"],
  tabEvaluate: ["Đánh giá đề án", "A proposal, evaluated"],
  tabRegister: ["Sổ đăng ký", "A register"],
  search: ["Tìm tham số, quy định hoặc điều khoản", "Search a parameter, a rule or an article"],
  searchHint: ["Tên tiếng Việt (có hoặc không dấu), mã, hoặc “Điều 8 khoản 4”", "Vietnamese name (with or without diacritics), id, or “Điều 8 khoản 4”"],
  date: ["Ngày", "Date"],
  results: ["Kết quả", "Results"],
  parameters: ["Tham số", "Parameters"],
  rules: ["Quy định", "Rules"],
  valueAt: ["Giá trị tại ngày", "Value on the date"],
  noValue: ["Không có giá trị tại ngày này", "No value on this date"],
  history: ["Lịch sử 2014–2030", "History 2014–2030"],
  from: ["Từ ngày", "From"],
  value: ["Giá trị", "Value"],
  instrument: ["Văn bản", "Instrument"],
  article: ["Điều", "Article"],
  clause: ["Khoản", "Clause"],
  point: ["Điểm", "Point"],
  grade: ["Mức xác thực", "Grade"],
  note: ["Ghi chú", "Note"],
  overlays: ["Mức của địa phương", "Provincial levels"],
  noOverlays: ["Không có tỉnh nào đặt mức riêng cho tham số này", "No province sets its own level for this parameter"],
  national: ["Mức quốc gia", "National level"],
  instruments: ["Văn bản pháp luật", "Instruments"],
  packs: ["Bộ quy tắc và giai đoạn", "Rule packs and their periods"],
  signed: ["Ký", "Signed"],
  effective: ["Hiệu lực", "In force"],
  expired: ["Hết hiệu lực", "Expired"],
  amends: ["Sửa đổi", "Amends"],
  replaces: ["Thay thế", "Replaces"],
  reported: ["Chỉ được đưa tin, chưa thấy văn bản", "Reported only, text not seen"],
  decisions: ["Quyết định", "Decisions"],
  planYears: ["Năm kế hoạch", "Plan years"],
  unconfirmed: ["Chưa xác nhận", "Unconfirmed"],
  ended: ["Hết hiệu lực", "Ended"],
  chartLabel: ["Biểu đồ bậc thang giá trị theo thời gian", "Step chart of the value over time"],
  noChart: ["Giá trị không phải số: không vẽ biểu đồ", "The value is not a number: no chart"],
  versions: ["Các phiên bản", "Versions"],
  select: ["Chọn một mục để xem", "Select an entry to see it"]
} as const satisfies Record<string, readonly [string, string]>

/** A label of the table in both languages. */
export function T(props: { readonly k: keyof typeof L; readonly inline?: boolean }) {
  const [vi, en] = L[props.k]
  return <Bi vi={vi} en={en} {...(props.inline === undefined ? {} : { inline: props.inline })} />
}

/** The badge of a value whose grade is `unconfirmed` or `provincial-copy`: text, not colour only. */
export function Unconfirmed(props: { readonly grade: string }) {
  if (props.grade !== "unconfirmed" && props.grade !== "provincial-copy") return null
  const [vi, en] = props.grade === "unconfirmed" ? L.unconfirmed : ["Bản sao của tỉnh", "Provincial copy"]
  return (
    <span class="badge unconfirmed" data-grade={props.grade} title={en}>
      ⚠ {vi} <span lang="en">/ {en}</span>
    </span>
  )
}
