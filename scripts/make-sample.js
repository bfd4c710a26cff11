#!/usr/bin/env node
/*
 * Generates samples/sample-evaluation.xlsx: a fictional but realistic evaluation
 * workbook modelled on Daisen City's published FY2022 (令和4年度) evaluation of the
 * 第2期大仙市まち・ひと・しごと創生総合戦略 (plan FY2020–FY2024).
 *
 * The entered grades and decided revisions reproduce exactly the two tables of the
 * seed, Daisen City's published revision of the strategy (8 数値目標 + 55 KPI = 63
 * indicators), kept in the repository as tests/helpers/seed.ts.
 *
 *   node scripts/make-sample.js            write samples/sample-evaluation.xlsx
 *   node scripts/make-sample.js --check    read the file back and compare with the seed
 *   node scripts/make-sample.js --out F    write somewhere else (combine with --check)
 *
 * Deterministic: no randomness, fixed document dates and fixed zip entry timestamps,
 * so re-running produces a byte-identical file.
 *
 * require('./scripts/make-sample.js').buildSampleRows() returns the indicator data
 * (clean values plus what was written where it differs) for tests.
 */
"use strict";

const path = require("path");
const fs = require("fs");
const ExcelJS = require("exceljs");

// ---------------------------------------------------------------------------
// Plan and evaluation years
const PLAN_START = 2020; // 令和2年度
const PLAN_END = 2024; // 令和6年度
const EVAL_YEAR = 2022; // 令和4年度
const ACTUAL_YEARS = [2020, 2021, 2022];
const FIXED_DATE = new Date(Date.UTC(2023, 5, 30, 0, 0, 0)); // 2023-06-30

const SHEET_NAME = "評価シート";
const TITLE = "第2期大仙市まち・ひと・しごと創生総合戦略 数値目標・KPI 評価シート（令和4年度実績）";
const FONT = "MS PGothic";
const DEFAULT_OUT = path.join(__dirname, "..", "samples", "sample-evaluation.xlsx");

// ---------------------------------------------------------------------------
// Goals and packages (names as in the seed)
const GOALS = [
  {
    no: 1,
    name: "だいせんの未来を拓く地域産業の振興と新産業を育むまちづくり",
    packages: ["(1)未来を見据えた「だいせん農業」の確立", "(2)地場産業の振興と人材の確保", "(3)地域資源を活かした産業の創出と育成", "(4)商業の振興と魅力向上"],
  },
  {
    no: 2,
    name: "魅力にあふれ愛着と誇りが持てる新たな人の流れを生むまちづくり",
    packages: ["(1)移住・定住とAターンの促進", "(2)関係人口の創出と拡大", "(3)観光振興と交流人口の拡大", "(4)地域資源を活用したインバウンド観光の推進"],
  },
  {
    no: 3,
    name: "結婚・出産の希望をかなえ子育てに喜びと安心を感じられるまちづくり",
    packages: ["(1)出会いのきっかけづくりと結婚への支援", "(2)妊娠から子育てまでの切れ目のないサポート", "(3)ワークライフバランスの推進"],
  },
  {
    no: 4,
    name: "地域の生活を守り未来につなぐ元気あふれる地域づくり",
    packages: ["(1)ネットワーク型コンパクトシティの推進", "(2)地域の支え合いによる持続可能な地域コミュニティの形成", "(3)健康で安心して暮らせる地域づくり"],
  },
];

// The seed's (２)具体的施策 table, one row per package (○ bullets, one per line).
const PACKAGE_CHANGES = {
  1: [
    ["○「農業と食に関する活性化基本構想」の推進に関する取組内容を更新", "○「スマート農業」に関する取組を追加", "○森林の適正管理等に関する取組を追加"],
    ["○中小企業の経営基盤強化として、デジタル技術を活用した活動への支援など、中小企業のDX推進に関する内容を追加"],
    [
      "○花火産業構想について、次期計画となる「花火産業推進プロジェクト（仮）」に関する内容に更新",
      "○創業支援の強化として「若者チャレンジ応援プロジェクト」に関する内容を追加",
    ],
    ["○地域商業の活性化として、キャッシュレス決済やデジタル地域通貨の導入に関する内容を追加"],
  ],
  2: [
    [
      "○「第3期移住・定住促進アクションプラン」に関する内容に更新",
      "○若者を中心としたAターンの促進として、「若者チャレンジ応援プロジェクト」に関する内容を追加",
      "○ふるさと教育の推進として、「GIGAスクール構想」に関する内容を追加",
    ],
    ["○シティプロモーションの推進として、「だいせん宣伝部」の取組やホームページのリニューアル、Web広告やデジタルサイネージ等を活用した情報発信などを追加"],
    [
      "○「観光DX」や「東部エリア観光ビジョン」に基づく取組、道の駅のリニューアルなどを追加",
      "○地方創生第3の矢として位置付ける「文化財保存活用地域計画」に関する内容を追加",
      "○「多目的人工芝グラウンド」や「スポーツツーリズムコミッション」に関する内容を追加",
    ],
    ["○インバウンドの現状を更新", "○地域デジタルインフラ向上事業（Wi-Fi環境整備）や国際花火シンポジウムの誘致などを追加"],
  ],
  3: [
    ["○出会い・結婚に関する取組内容の更新", "○あきた結婚支援センターに関する内容を追加"],
    [
      "○妊娠・出産へのサポートとして「プレコンセプションケア事業」などを追加",
      "○保育サービスの充実として、各種手続きのオンライン化や保育現場のデジタル化などを追加",
      "○多様な子育てニーズへの支援として、「放課後児童クラブの民間委託」や「屋内遊び場施設整備事業」、情報発信の強化に関する内容などを追加",
      "○子育て世帯の経済的負担の軽減に関する取組内容の更新",
    ],
    ["○男性の育児参加の促進として、フレックスタイム制やテレワークに関する内容、パパママ教室などを追加", "○女性活躍に関する内容を追加"],
  ],
  4: [
    [
      "○地域公共交通におけるキャッシュレス決済の導入、交通助成券「のりのりきっぷ」を追加",
      "○地域拠点の形成促進として「彩色千輪プロジェクト事業」を追加",
      "○ファシリティマネジメントの強化として、PPP・PFIなどの民間活力の導入に関する内容を追加",
      "○道路・橋梁の老朽化対策の推進として、ドローンやAIシステム等のデジタル技術の活用について追加",
    ],
    [
      "○空き家対策として、空き家管理サービスや空き家跡地の利活用について追加",
      "○地域主体の組織づくりとして「地域振興事業（市民主導型）」を追加",
      "○多様な人材が活躍できる地域社会の形成として「『つながる・ささえる』ネットワーク整備事業」や「デジタルリテラシー向上支援事業」を追加",
    ],
    [
      "○健康づくりの推進として「健幸まちづくりプロジェクト」を追加",
      "○安全・安心体制の充実として、「大仙市国土強靱化地域計画」やデジタル技術を活用した緊急通報体制について追加",
      "○公園整備に関する内容の更新",
      "○具体的施策として、次の2項目を新たに追加\n「『ゼロカーボンシティだいせん』の実現」と「質が高く、持続可能な行政経営に向けたDXの推進」",
    ],
  ],
};
const NEW_MEASURES = [
  [
    "（新規）「ゼロカーボンシティだいせん」の実現",
    "○「第2次大仙市環境基本計画」や「第2次大仙市地球温暖化対策実行計画(事務事業編)」に基づくこれまでの取組と「ゼロカーボンシティ」の実現に向けた行動指針となる「大仙市地球温暖化対策実行計画(区域施策編)」について記載",
  ],
  ["（新規）質が高く、持続可能な行政経営に向けたDXの推進", "○「行政サービス改革大綱」や「大仙市DX推進ビジョン」に基づく取組を記載"],
];

// ---------------------------------------------------------------------------
// Indicator data.
// Compact row: [pkg, category, name, unit, baseline, baselineYearLabel, target,
//   targetYearLabel, kind, [R2, R3, R4], grade, reason, department, revision?]
// pkg: 0 for 数値目標 (no package), otherwise 1-based package index.
// baseline null = "－" written (no value); for 累計 targets the baseline is 0 or none.
// revision: { type, newTarget?, newName? }
// write: overrides of what is written in a cell (messy-but-valid inputs).
// note: why the row is interesting (inconsistent grade, lower-is-better...).
const N = "数値目標";
const K = "KPI";
const CUM = "累計";
const SGL = "単年度";
const TGT = "目標値の修正";

const DATA = {
  1: [
    [
      0,
      N,
      "農業産出額（推計）",
      "億円",
      230,
      "H30",
      250,
      "R6",
      SGL,
      [238, 240, 247],
      "B",
      "園芸品目の産出額が伸びているものの、米価の下落により目標をやや下回った。",
      "農業振興課",
    ],
    [
      0,
      N,
      "新規雇用創出数（累計）",
      "人",
      null,
      "",
      1000,
      "R6",
      CUM,
      [170, 345, 520],
      "B",
      "企業誘致や創業支援により雇用は着実に創出されているが、計画値をやや下回っている。",
      "商工振興課",
    ],
    // (1) 農業
    [
      1,
      K,
      "新規就農者数（累計）",
      "人",
      0,
      "R1",
      100,
      "R6",
      CUM,
      [22, 45, 68],
      "A",
      "園芸メガ団地での雇用就農が増え、計画を上回って推移している。",
      "農業振興課",
      { type: TGT, newTarget: 115 },
    ],
    [
      1,
      K,
      "園芸作物の販売額",
      "千円",
      1520000,
      "R1",
      2000000,
      "R6",
      SGL,
      [1650000, 1820000, 2050000],
      "A",
      "えだまめ・ねぎ等の作付拡大により、目標を前倒しで達成した。",
      "農業振興課",
      { type: TGT, newTarget: 2300000 },
      { write: { actual2022: "2,050,000", baseline: "1,520,000" } },
    ],
    [
      1,
      K,
      "スマート農業技術の導入経営体数（累計）",
      "経営体",
      null,
      "",
      50,
      "R6",
      CUM,
      [8, 19, 34],
      "A",
      "国・県の補助事業の活用により導入が進んでいる。",
      "農業振興課",
      { type: TGT, newTarget: 60 },
    ],
    [
      1,
      K,
      "農地集積率",
      "%",
      72.5,
      "令和元年度",
      80.0,
      "令和6年度",
      SGL,
      [74.1, 75.3, 77.6],
      "C",
      "担い手の高齢化と受け手不足により集積が伸び悩んでいる。地域計画の策定を踏まえ目標値を見直す。",
      "農業振興課",
      { type: TGT, newTarget: 79.0 },
    ],
    [1, K, "6次産業化・農商工連携による新商品開発数（累計）", "件", 0, "R1", 40, "R6", CUM, [7, 14, 21], "B", "概ね計画どおり推移している。", "農業振興課"],
    [1, K, "森林整備面積", "ha", 120, "H30", 150, "R6", SGL, [128, 140, 146], "B", "森林経営管理制度による整備が進み、概ね順調に推移している。", "農業振興課"],
    // (2) 地場産業
    [
      2,
      K,
      "中小企業の設備投資への支援件数（累計）",
      "件",
      null,
      "",
      150,
      "R6",
      CUM,
      [35, 68, 101],
      "A",
      "デジタル化関連の設備投資需要が高く、計画を上回っている。",
      "商工振興課",
      { type: TGT, newTarget: 170 },
    ],
    [2, K, "企業誘致件数（累計）", "社", 0, "R1", 10, "R6", CUM, [2, 4, 5], "B", "誘致活動は継続しているが、R4は1社の立地にとどまった。", "商工振興課"],
    [
      2,
      K,
      "市内高校卒業者の市内就職率",
      "%",
      38.2,
      "R1",
      45.0,
      "R6",
      SGL,
      [39.5, 41.0, 43.8],
      "B",
      "高校と連携した企業説明会等の効果により上昇傾向にある。",
      "商工振興課",
    ],
    [
      2,
      K,
      "職業訓練・資格取得の支援者数",
      "人/年",
      80,
      "R1",
      120,
      "R6",
      SGL,
      [95, 110, 126],
      "A",
      "単年度の目標値を達成した。受講者数は年度により変動があるため目標値は据え置く。",
      "商工振興課",
    ],
    [
      2,
      K,
      "合同就職説明会の参加企業数",
      "社",
      45,
      "H30",
      60,
      "R6",
      SGL,
      [38, 50, 58],
      "B",
      "R2はオンライン開催としたため減少したが、回復している。",
      "商工振興課",
    ],
    // (3) 地域資源・新産業
    [
      3,
      K,
      "創業支援による創業者数（累計）",
      "人",
      0,
      "R1",
      75,
      "R6",
      CUM,
      [15, 31, 49],
      "A",
      "創業塾の受講者を中心に創業が続いており、計画を上回っている。",
      "商工振興課",
      { type: TGT, newTarget: 85 },
      { write: { grade: "Ａ" } },
    ],
    [
      3,
      K,
      "花火関連産業の新商品・サービス開発件数（累計）",
      "件",
      null,
      "",
      20,
      "R6",
      CUM,
      [4, 9, 14],
      "A",
      "花火産業構想の取組により計画を上回っている。次期計画の策定にあわせて目標を検討する。",
      "企画調整課",
    ],
    [
      3,
      K,
      "花火関連イベントの開催回数",
      "回",
      4,
      "R1",
      10,
      "R6",
      SGL,
      [0, 4, 9],
      "B",
      "R2は中止が相次いだが、R4は大曲の花火の3年ぶりの開催など回復している。",
      "観光振興課",
    ],
    [
      3,
      K,
      "サテライトオフィス等の進出企業数（累計）",
      "社",
      null,
      "",
      8,
      "R6",
      CUM,
      [1, 2, 3],
      "C",
      "コロナ禍や物価高騰の影響により企業の進出計画の延期が相次いだ。テレワーク利用を含む指標に変更する。",
      "企画調整課",
      { type: "指標名の変更", newName: "サテライトオフィス・シェアオフィス利用企業数（累計）", newTarget: 12 },
    ],
    [
      3,
      K,
      "産学官連携による共同研究件数（累計）",
      "件",
      0,
      "R1",
      15,
      "R6",
      CUM,
      [3, 6, 8],
      "B",
      "大学との連携協定に基づく共同研究が進んでいる。",
      "企画調整課",
    ],
    // (4) 商業
    [
      4,
      K,
      "中心市街地の歩行者通行量",
      "人/日",
      4200,
      "R1",
      4800,
      "R6",
      SGL,
      [3100, 3600, 4620],
      "C",
      "コロナ禍で大きく減少したが回復傾向にあり、今後改善が見込まれる。",
      "まちづくり課",
    ],
    [
      4,
      K,
      "空き店舗活用による新規出店数（累計）",
      "件",
      null,
      "",
      25,
      "R6",
      CUM,
      [5, 11, 17],
      "A",
      "空き店舗対策補助金の活用により計画を上回っている。",
      "商工振興課",
      { type: TGT, newTarget: 30 },
    ],
    [
      4,
      K,
      "キャッシュレス決済導入店舗数",
      "店",
      120,
      "R1",
      300,
      "R6",
      SGL,
      [210, 280, 340],
      "B",
      "導入店舗数は目標を上回ったが、利用率が低調であることからB評価とした。",
      "商工振興課",
      { type: TGT, newTarget: 400 },
      { note: "inconsistent: entered B, numbers give A (progress 122%)" },
    ],
    [
      4,
      K,
      "商店街の空き店舗率",
      "%",
      18.5,
      "R1",
      15.0,
      "R6",
      SGL,
      [18.9, 18.0, 15.6],
      "B",
      "新規出店により空き店舗率は改善傾向にある。",
      "まちづくり課",
      undefined,
      { note: "lower is better" },
    ],
  ],
  2: [
    [
      0,
      N,
      "社会増減数（転入者数−転出者数）",
      "人",
      -612,
      "R1",
      -400,
      "R6",
      SGL,
      [-540, -505, -460],
      "C",
      "若年層の転出超過が続いているが、転出超過数は縮小傾向にあり、今後改善が見込まれる。",
      "総合政策課",
      undefined,
      { write: { actual2021: "△505", actual2022: "△460" } },
    ],
    [0, N, "移住者数（累計）", "人", null, "", 500, "R6", CUM, [98, 215, 342], "A", "移住支援金や空き家バンクの活用により計画を上回っている。", "総合政策課"],
    // (1) 移住・定住
    [
      1,
      K,
      "移住相談件数",
      "件/年",
      180,
      "R1",
      250,
      "R6",
      SGL,
      [230, 265, 298],
      "A",
      "オンライン相談の導入により相談件数が大きく増加した。",
      "総合政策課",
      { type: TGT, newTarget: 320 },
    ],
    [1, K, "空き家バンクの成約件数（累計）", "件", 0, "R1", 60, "R6", CUM, [10, 21, 33], "B", "概ね計画どおり推移している。", "まちづくり課"],
    [
      1,
      K,
      "若者（Aターン）就職者数",
      "人/年",
      85,
      "H30",
      120,
      "R6",
      SGL,
      [88, 95, 112],
      "C",
      "首都圏での就職相談会の再開により増加に転じており、今後改善が見込まれる。",
      "商工振興課",
    ],
    // (2) 関係人口
    [
      2,
      K,
      "ふるさと納税の寄附件数",
      "件",
      18500,
      "R1",
      25000,
      "R6",
      SGL,
      [31200, 38900, 45600],
      "A",
      "返礼品の拡充とポータルサイトの追加により目標を大きく上回った。",
      "総合政策課",
      { type: TGT, newTarget: 50000 },
      { write: { actual2022: "45,600" } },
    ],
    [
      2,
      K,
      "市公式SNSのフォロワー数",
      "人",
      3200,
      "R1",
      8000,
      "R6",
      SGL,
      [4100, 5600, 7200],
      "B",
      "だいせん宣伝部の発信により増加している。",
      "総合政策課",
      undefined,
      { write: { grade: "B評価" } },
    ],
    [
      2,
      K,
      "関係人口創出事業への参加者数（累計）",
      "人",
      null,
      "",
      1500,
      "R6",
      CUM,
      [120, 380, 610],
      "C",
      "コロナ禍により首都圏での交流イベントが中止となった。オンライン交流を含む指標に変更する。",
      "総合政策課",
      { type: "指標名の変更", newName: "オンライン交流を含む関係人口創出事業への参加者数（累計）", newTarget: 1200 },
    ],
    // (3) 観光
    [
      3,
      K,
      "観光入込客数",
      "千人",
      2650,
      "R1",
      2800,
      "R6",
      SGL,
      [1020, 1380, 2150],
      "C",
      "コロナ禍の影響により大幅に減少したが、大曲の花火が3年ぶりに開催されるなど回復傾向にあることからC評価とした。主要観光施設の入込客数に指標を変更する。",
      "観光振興課",
      { type: "指標名の変更", newName: "主要観光施設の入込客数", newTarget: 1800 },
      { note: "inconsistent: entered C, numbers give D (actual below baseline)" },
    ],
    [
      3,
      K,
      "道の駅の売上額",
      "千円",
      420000,
      "R1",
      480000,
      "R6",
      SGL,
      [455000, 470000, 478000],
      "B",
      "地元産品の販売が好調で、概ね順調に推移している。",
      "観光振興課",
    ],
    [
      3,
      K,
      "スポーツ合宿・大会の誘致件数",
      "件",
      45,
      "R1",
      60,
      "R6",
      SGL,
      [12, 28, 56],
      "C",
      "コロナ禍で大会の中止が続いたが回復している。多目的人工芝グラウンドの整備を踏まえ目標値を修正する。",
      "観光振興課",
      { type: TGT, newTarget: 58 },
    ],
    // (4) インバウンド
    [
      4,
      K,
      "外国語対応の案内板・Wi-Fi整備箇所数（累計）",
      "箇所",
      0,
      "R1",
      30,
      "R6",
      CUM,
      [4, 9, 14],
      "C",
      "物価高騰による資材費の上昇で整備が遅れているが、地域デジタルインフラ向上事業により今後改善が見込まれる。",
      "観光振興課",
    ],
    [
      4,
      K,
      "海外旅行会社等の招請・商談件数（累計）",
      "件",
      null,
      "",
      40,
      "R6",
      CUM,
      [2, 8, 21],
      "B",
      "水際対策の緩和によりR4は商談が大きく増加した。",
      "観光振興課",
    ],
  ],
  3: [
    [
      0,
      N,
      "合計特殊出生率",
      "",
      1.28,
      "H30",
      1.4,
      "R6",
      SGL,
      [1.25, 1.3, 1.36],
      "C",
      "R3以降は上昇しているものの目標を下回っている。結婚・子育て支援の充実により改善を図る。",
      "子育て支援課",
    ],
    [
      0,
      N,
      "子育て環境に満足している市民の割合",
      "%",
      52.0,
      "R1",
      65.0,
      "R6",
      SGL,
      [null, 58.5, 61.0],
      "C",
      "市民意識調査（R3から実施）では上昇傾向にあり、今後改善が見込まれる。",
      "子育て支援課",
      undefined,
      { write: { actual2020: "－" } },
    ],
    // (1) 出会い・結婚
    [
      1,
      K,
      "結婚支援事業（出会いイベント等）の参加者数（累計）",
      "人",
      null,
      "",
      500,
      "R6",
      CUM,
      [40, 110, 205],
      "C",
      "コロナ禍でイベントの中止が続いた。実施回数の実績を踏まえ目標値を修正する。",
      "企画調整課",
      { type: TGT, newTarget: 400 },
    ],
    [
      1,
      K,
      "結婚支援事業を通じた成婚数（累計）",
      "組",
      0,
      "R1",
      25,
      "R6",
      CUM,
      [5, 11, 17],
      "A",
      "結婚サポーターによる支援が成果を上げ、計画を上回っている。",
      "企画調整課",
      { type: TGT, newTarget: 30 },
    ],
    [
      1,
      K,
      "あきた結婚支援センターの市民登録者数",
      "人",
      120,
      "R1",
      160,
      "R6",
      SGL,
      [128, 140, 150],
      "B",
      "登録者数は着実に増加していることからB評価とした。",
      "企画調整課",
      undefined,
      { note: "inconsistent: entered B, numbers give C (progress 75%)" },
    ],
    // (2) 妊娠〜子育て
    [
      2,
      K,
      "保育所等の待機児童数",
      "人",
      12,
      "R1",
      0,
      "R6",
      SGL,
      [8, 3, 0],
      "A",
      "保育士確保策により、R4は待機児童ゼロを達成した。",
      "子育て支援課",
      undefined,
      { note: "lower is better" },
    ],
    [
      2,
      K,
      "地域子育て支援センターの利用者数",
      "人/年",
      21000,
      "R1",
      24000,
      "R6",
      SGL,
      [14500, 19800, 24900],
      "A",
      "屋内遊び場の開設により利用者が大きく増加した。",
      "子育て支援課",
      { type: TGT, newTarget: 26000 },
      { write: { actual2022: "24,900" } },
    ],
    [
      2,
      K,
      "乳幼児健康診査の受診率",
      "%",
      96.5,
      "R1",
      99.0,
      "R6",
      SGL,
      [95.8, 97.2, 98.8],
      "B",
      "未受診者への個別勧奨により受診率が向上している。",
      "健康増進センター",
    ],
    [
      2,
      K,
      "放課後児童クラブの定員数",
      "人",
      980,
      "R1",
      1100,
      "R6",
      SGL,
      [1000, 1030, 1060],
      "C",
      "支援員の確保が難しく、定員の拡大が遅れている。児童数の減少見込みを踏まえ目標値を修正する。",
      "子育て支援課",
      { type: TGT, newTarget: 1080 },
    ],
    // (3) ワークライフバランス
    [
      3,
      K,
      "男性の育児休業取得率（市内事業所）",
      "%",
      6.0,
      "R1",
      20.0,
      "R6",
      SGL,
      [7.5, 10.2, 15.0],
      "C",
      "目標を下回っているが、育児・介護休業法の改正により今後改善が見込まれる。",
      "商工振興課",
    ],
    [3, K, "ワーク・ライフ・バランス推進企業の認定数（累計）", "社", null, "", 30, "R6", CUM, [5, 11, 16], "B", "概ね計画どおり推移している。", "商工振興課"],
  ],
  4: [
    [
      0,
      N,
      "住み続けたいと思う市民の割合（市民満足度）",
      "%",
      68.0,
      "R1",
      72.0,
      "R6",
      SGL,
      [69.5, 71.0, 73.2],
      "A",
      "市民意識調査で目標を上回った。",
      "総合政策課",
      { type: TGT, newTarget: 75.0 },
    ],
    [0, N, "健康寿命（平均自立期間・男性）", "年", 78.9, "H30", 79.5, "R6", SGL, [79.1, 79.3, 79.4], "B", "緩やかに延伸している。", "健康増進センター"],
    // (1) コンパクトシティ
    [
      1,
      K,
      "デマンド型乗合タクシーの年間利用者数",
      "人/年",
      12000,
      "R1",
      15000,
      "R6",
      SGL,
      [10500, 11800, 14100],
      "C",
      "コロナ禍による外出控えの影響が大きい。路線バスと一体で評価するため指標を変更する。",
      "まちづくり課",
      { type: "指標名の変更", newName: "地域公共交通（路線バス・乗合タクシー）の年間利用者数", newTarget: 95000 },
    ],
    [1, K, "居住誘導区域内の人口割合", "%", 42.0, "R1", 43.0, "令和6年度", SGL, [42.2, 42.5, 42.9], "B", "概ね順調に推移している。", "まちづくり課"],
    [
      1,
      K,
      "橋梁の長寿命化修繕の完了数（累計）",
      "橋",
      null,
      "",
      50,
      "令和6年度",
      CUM,
      [11, 22, 34],
      "A",
      "国の補助金の活用により計画を上回って修繕が進んでいる。",
      "まちづくり課",
      { type: TGT, newTarget: 60 },
    ],
    [
      1,
      K,
      "交通事故発生件数（人身事故）",
      "件",
      142,
      "R1",
      120,
      "R6",
      SGL,
      [118, 112, 105],
      "A",
      "交通安全運動の推進により、目標を上回って減少している。",
      "防災安全課",
      { type: TGT, newTarget: 100 },
      { note: "lower is better" },
    ],
    // (2) 地域コミュニティ
    [
      2,
      K,
      "管理不全空き家数",
      "件",
      420,
      "R1",
      350,
      "R6",
      SGL,
      [405, 392, 374],
      "C",
      "高齢化や人口減少により新たな空き家の発生が想定を上回っている。現状を踏まえ目標値を修正する。",
      "防災安全課",
      { type: TGT, newTarget: 380 },
      { note: "lower is better" },
    ],
    [2, K, "地域運営組織の設立数（累計）", "団体", 0, "R1", 16, "R6", CUM, [3, 6, 9], "B", "概ね計画どおり設立が進んでいる。", "まちづくり課"],
    [
      2,
      K,
      "高齢者サロン等の地域の支え合い活動の参加者数",
      "人/年",
      8500,
      "R1",
      9500,
      "R6",
      SGL,
      [3200, 4800, 6100],
      "D",
      "コロナ禍で活動の休止が続き、参加者数が基準値を大きく下回っている。",
      "まちづくり課",
      { type: "新たな指標を設定", newName: "地域の通いの場・見守り活動の実施団体数", newTarget: 120 },
    ],
    [
      2,
      K,
      "地域おこし協力隊の隊員数",
      "人",
      8,
      "R1",
      15,
      "R6",
      SGL,
      [10, 13, 16],
      "A",
      "募集分野の拡大により目標を上回った。",
      "企画調整課",
      { type: TGT, newTarget: 20 },
    ],
    [
      2,
      K,
      "市民活動団体の登録数",
      "団体",
      150,
      "R1",
      170,
      "R6",
      SGL,
      [152, 158, 165],
      "B",
      "登録数は着実に増加しており、B評価とした。",
      "まちづくり課",
      undefined,
      { note: "inconsistent: entered B, numbers give C (progress 75%)" },
    ],
    // (3) 健康・安心
    [3, K, "特定健康診査の受診率", "%", 48.5, "R1", 55.0, "R6", SGL, [43.0, 47.5, 53.8], "B", "R2は受診控えで低下したが、回復している。", "健康増進センター"],
    [
      3,
      K,
      "胃がん検診の受診率",
      "%",
      18.0,
      "R1",
      25.0,
      "R6",
      SGL,
      [14.5, 16.9, 23.2],
      "C",
      "コロナ禍の受診控えから回復しつつあり、今後改善が見込まれる。",
      "健康増進センター",
    ],
    [
      3,
      K,
      "自主防災組織の組織率",
      "%",
      78.0,
      "R1",
      85.0,
      "R6",
      SGL,
      [79.5, 81.8, 85.6],
      "A",
      "目標を達成した。未結成地区への支援を継続するため目標値は据え置く。",
      "防災安全課",
    ],
    [
      3,
      K,
      "健幸ポイント事業の参加者数",
      "人",
      1200,
      "R1",
      3000,
      "R6",
      SGL,
      [1650, 2300, 2850],
      "B",
      "参加者は順調に増加している。健幸まちづくりプロジェクトとして事業を拡充するため指標名を修正する。",
      "健康増進センター",
      { type: "指標名の修正", newName: "健幸まちづくりプロジェクト（健幸ポイント事業）の参加者数" },
    ],
    [3, K, "公園の整備・再整備箇所数（累計）", "箇所", 0, "R1", 10, "R6", CUM, [2, 4, 7], "A", "計画を上回って整備が進んでいる。", "まちづくり課"],
    [
      3,
      K,
      "緊急通報システムの設置台数",
      "台",
      600,
      "R1",
      700,
      "R6",
      SGL,
      [620, 650, 668],
      "C",
      "設置台数は伸び悩んでいるが、スマートフォン等を活用した緊急通報体制の導入により今後改善が見込まれる。",
      "健康増進センター",
    ],
  ],
};

// ---------------------------------------------------------------------------
// Era labels → fiscal year
function fiscalYear(label) {
  if (!label) return undefined;
  const s = String(label).replace(/年度$/, "");
  let m = /^R(\d+)$/.exec(s) || /^令和(\d+|元)$/.exec(s);
  if (m) return 2018 + (m[1] === "元" ? 1 : Number(m[1]));
  m = /^H(\d+)$/.exec(s) || /^平成(\d+|元)$/.exec(s);
  if (m) return 1988 + (m[1] === "元" ? 1 : Number(m[1]));
  return undefined;
}

/** Progress and reference grade under the default formula and bands (SPEC: Classify). */
function referenceOf(row) {
  const actual = row.actuals[EVAL_YEAR];
  if (actual === null || actual === undefined) return { progress: null, grade: null };
  let due = row.target;
  if (row.targetKind === "累計") {
    const elapsed = EVAL_YEAR - PLAN_START + 1;
    const years = PLAN_END - PLAN_START + 1;
    due = (row.target * elapsed) / years;
  }
  const base = row.baseline === null || row.baseline === undefined ? 0 : row.baseline;
  const progress = (actual - base) / (due - base);
  const grade = progress >= 1 ? "A" : progress >= 0.8 ? "B" : progress >= 0.6 ? "C" : "D";
  return { progress, grade };
}

const COLS = {
  goal: "A",
  package: "B",
  category: "C",
  name: "D",
  unit: "E",
  baseline: "F",
  baselineYear: "G",
  target: "H",
  targetYear: "I",
  targetKind: "J",
  actual2020: "K",
  actual2021: "L",
  actual2022: "M",
  grade: "N",
  reason: "O",
  department: "P",
  revisionType: "Q",
  newTarget: "R",
  newName: "S",
};

/**
 * The 63 indicators as plain objects, in sheet order, with the 1-based sheet row.
 * Clean values (numbers, fiscal years); `written` holds the cells whose written
 * content differs from the clean value (messy-but-valid inputs).
 */
function buildSampleRows() {
  const rows = [];
  let sheetRow = 5;
  for (const goal of GOALS) {
    for (const d of DATA[goal.no]) {
      const [pkg, category, name, unit, baseline, baselineYear, target, targetYear, kind, act, grade, reason, department, revision, extra] = d;
      const row = {
        row: sheetRow,
        goal: goal.no,
        goalName: goal.name,
        package: pkg === 0 ? null : goal.packages[pkg - 1],
        category,
        name,
        unit,
        baseline,
        baselineYear: baselineYear || null,
        baselineFiscalYear: fiscalYear(baselineYear) ?? null,
        target,
        targetYear,
        targetFiscalYear: fiscalYear(targetYear),
        targetKind: kind,
        direction: target < (baseline ?? -Infinity) ? "down" : "up",
        actuals: { 2020: act[0], 2021: act[1], 2022: act[2] },
        grade,
        reason,
        department,
        revision: revision ? { type: revision.type, newTarget: revision.newTarget ?? null, newName: revision.newName ?? null } : null,
        written: (extra && extra.write) || {},
        note: (extra && extra.note) || null,
      };
      const ref = referenceOf(row);
      row.referenceProgress = ref.progress;
      row.referenceGrade = ref.grade;
      rows.push(row);
      sheetRow++;
    }
    sheetRow++; // blank separator row between goals
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Workbook writing
const THIN = { style: "thin", color: { argb: "FF7F7F7F" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const GOAL_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const NUMERICAL_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };

function decimalsOf(values) {
  let dec = 0;
  for (const v of values) {
    if (typeof v !== "number") continue;
    const s = String(Math.abs(v));
    const i = s.indexOf(".");
    if (i >= 0) dec = Math.max(dec, s.length - i - 1);
  }
  return dec;
}

function numFmtFor(row) {
  const vals = [row.baseline, row.target, ...ACTUAL_YEARS.map((y) => row.actuals[y]), row.revision && row.revision.newTarget];
  const dec = decimalsOf(vals);
  const pos = dec === 0 ? "#,##0" : "#,##0." + "0".repeat(dec);
  const hasNeg = vals.some((v) => typeof v === "number" && v < 0);
  return hasNeg ? `${pos};"△"${pos}` : pos;
}

function font(extra) {
  return Object.assign({ name: FONT, size: 10 }, extra || {});
}

function writeCover(wb) {
  const ws = wb.addWorksheet("表紙", {
    pageSetup: { paperSize: 9, orientation: "portrait", horizontalCentered: true },
    views: [{ showGridLines: false }],
  });
  ws.getColumn(1).width = 4;
  ws.getColumn(2).width = 90;
  const lines = [
    [4, "第2期大仙市まち・ひと・しごと創生総合戦略", { size: 18, bold: true }],
    [6, "数値目標・重要業績評価指標（KPI）評価シート", { size: 16, bold: true }],
    [8, "令和4年度実績", { size: 14 }],
    [12, "計画期間：令和2年度～令和6年度（5年間）", { size: 11 }],
    [13, "評価基準（達成率）：A 100%以上 ／ B 80%以上100%未満 ／ C 60%以上80%未満 ／ D 60%未満", { size: 11 }],
    [14, "達成率 ＝（実績値－基準値）÷（目標値－基準値）。累計の指標は目標値を経過年数（3/5年）で按分して算定", { size: 11 }],
    [16, "各担当課は「評価シート」に実績値・評価・評価理由・見直し区分を入力してください。", { size: 11 }],
    [20, "大仙市 企画部 総合政策課", { size: 12 }],
    [
      22,
      "※ 本ファイルは架空のサンプルデータです。大仙市の公表資料を参考に作成しており、実際の評価結果とは異なります。",
      { size: 9, color: { argb: "FF7F7F7F" } },
    ],
  ];
  for (const [r, text, f] of lines) {
    const c = ws.getCell(r, 2);
    c.value = text;
    c.font = font(f);
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }
  ws.getRow(22).height = 30;
}

function writeEvaluation(wb, rows) {
  const ws = wb.addWorksheet(SHEET_NAME, {
    pageSetup: {
      paperSize: 8, // A3
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: "3:4",
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C&P / &N" },
    views: [{ state: "frozen", xSplit: 0, ySplit: 4, topLeftCell: "A5", activeCell: "A5", zoomScale: 85 }],
  });
  const widths = { A: 20, B: 22, C: 8, D: 34, E: 7, F: 11, G: 8, H: 11, I: 9, J: 7, K: 11, L: 11, M: 11, N: 7, O: 46, P: 13, Q: 14, R: 11, S: 30 };
  for (const [col, w] of Object.entries(widths)) ws.getColumn(col).width = w;

  // Title and note
  ws.getCell("A1").value = TITLE;
  ws.getCell("A1").font = font({ size: 14, bold: true });
  ws.getRow(1).height = 24;
  ws.getCell("A2").value = "評価：A 達成率100%以上、B 80%以上100%未満、C 60%以上80%未満、D 60%未満";
  ws.getCell("A2").font = font({ size: 9 });

  // Two-row header
  const single = [
    ["A", "基本目標"],
    ["B", "戦略パッケージ"],
    ["C", "区分"],
    ["D", "指標名"],
    ["E", "単位"],
    ["J", "目標の種類"],
    ["N", "評価"],
    ["O", "評価理由"],
    ["P", "担当課"],
    ["Q", "見直し区分"],
    ["R", "見直し後の目標値"],
    ["S", "見直し後の指標名"],
  ];
  for (const [col, text] of single) {
    ws.getCell(`${col}3`).value = text;
    ws.mergeCells(`${col}3:${col}4`);
  }
  const groups = [
    ["F", "G", "基準値", ["数値", "年度"]],
    ["H", "I", "目標値", ["数値", "年度"]],
    ["K", "M", "実績値", ["令和2年度", "令和3年度", "令和4年度"]],
  ];
  for (const [from, to, text, subs] of groups) {
    ws.getCell(`${from}3`).value = text;
    ws.mergeCells(`${from}3:${to}3`);
    subs.forEach((s, i) => {
      ws.getCell(4, ws.getColumn(from).number + i).value = s;
    });
  }
  for (let r = 3; r <= 4; r++) {
    for (let c = 1; c <= 19; c++) {
      const cell = ws.getCell(r, c);
      cell.font = font({ bold: true });
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    }
  }
  ws.getRow(3).height = 20;
  ws.getRow(4).height = 20;

  // Data rows
  const byGoal = new Map();
  for (const row of rows) {
    if (!byGoal.has(row.goal)) byGoal.set(row.goal, []);
    byGoal.get(row.goal).push(row);
  }
  for (const [goalNo, goalRows] of byGoal) {
    const first = goalRows[0].row;
    const last = goalRows[goalRows.length - 1].row;
    for (const row of goalRows) {
      const r = row.row;
      const fmt = numFmtFor(row);
      const w = row.written;
      const put = (key, value, numeric) => {
        const v = Object.prototype.hasOwnProperty.call(w, key) ? w[key] : value;
        const cell = ws.getCell(`${COLS[key]}${r}`);
        cell.value = v === null || v === undefined ? null : v;
        if (numeric && typeof v === "number") cell.numFmt = fmt;
        return cell;
      };
      put("category", row.category);
      put("name", row.name);
      put("unit", row.unit || null);
      put("baseline", row.baseline === null ? "－" : row.baseline, true);
      put("baselineYear", row.baselineYear || (row.baseline === null ? "－" : null));
      put("target", row.target, true);
      put("targetYear", row.targetYear);
      put("targetKind", row.targetKind);
      for (const y of ACTUAL_YEARS) put(`actual${y}`, row.actuals[y] === null ? "－" : row.actuals[y], true);
      put("grade", row.grade);
      put("reason", row.reason);
      put("department", row.department);
      put("revisionType", row.revision ? row.revision.type : null);
      put("newTarget", row.revision ? row.revision.newTarget : null, true);
      put("newName", row.revision ? row.revision.newName : null);

      for (let c = 1; c <= 19; c++) {
        const cell = ws.getCell(r, c);
        const letter = cell.address.replace(/\d+/g, "");
        cell.border = BORDER;
        cell.font = font();
        const wrap = ["A", "B", "D", "O", "S"].includes(letter);
        const numericCol = ["F", "H", "K", "L", "M", "R"].includes(letter);
        cell.alignment = {
          vertical: "middle",
          wrapText: wrap,
          horizontal: numericCol ? "right" : ["C", "E", "G", "I", "J", "N"].includes(letter) ? "center" : "left",
        };
        if (row.category === "数値目標" && c >= 3) cell.fill = NUMERICAL_FILL;
      }
      ws.getCell(`N${r}`).font = font({ bold: true });
      ws.getRow(r).height = 42;
    }

    // Goal cell merged down its block
    const goal = GOALS.find((g) => g.no === goalNo);
    const gc = ws.getCell(`A${first}`);
    gc.value = `基本目標${goalNo}\n${goal.name}`;
    ws.mergeCells(`A${first}:A${last}`);
    gc.fill = GOAL_FILL;
    gc.font = font({ bold: true });
    gc.alignment = { vertical: "top", horizontal: "left", wrapText: true };

    // Package cells merged down each package's rows ("－" over the 数値目標 rows)
    let i = 0;
    while (i < goalRows.length) {
      let j = i;
      while (j + 1 < goalRows.length && goalRows[j + 1].package === goalRows[i].package) j++;
      const pc = ws.getCell(`B${goalRows[i].row}`);
      pc.value = goalRows[i].package === null ? "－" : goalRows[i].package;
      if (j > i) ws.mergeCells(`B${goalRows[i].row}:B${goalRows[j].row}`);
      pc.alignment = { vertical: "top", horizontal: goalRows[i].package === null ? "center" : "left", wrapText: true };
      i = j + 1;
    }
  }

  const lastRow = rows[rows.length - 1].row;
  const noteRow = lastRow + 2;
  ws.getCell(`A${noteRow}`).value = "※ 評価は担当課による。累計の指標は、目標値を計画期間（令和2～6年度）のうち経過年数（3年）で按分した値と比較している。";
  ws.getCell(`A${noteRow}`).font = font({ size: 9 });
  ws.getCell(`A${noteRow + 1}`).value = "※ 見直し区分・見直し後の目標値・見直し後の指標名は、令和5年度の総合戦略改訂に反映する。";
  ws.getCell(`A${noteRow + 1}`).font = font({ size: 9 });

  ws.pageSetup.printArea = `A1:S${noteRow + 1}`;
  return ws;
}

function writePackageChanges(wb) {
  const ws = wb.addWorksheet("戦略パッケージ変更", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" },
    views: [{ state: "frozen", ySplit: 3, topLeftCell: "A4", activeCell: "A4" }],
  });
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 38;
  ws.getColumn(3).width = 90;
  ws.getCell("A1").value = "第2期大仙市まち・ひと・しごと創生総合戦略の改訂について（概要）　（２）具体的施策";
  ws.getCell("A1").font = font({ size: 13, bold: true });
  ["基本目標", "戦略パッケージ", "主な変更内容"].forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: "center", vertical: "middle" };
  });
  let r = 4;
  for (const goal of GOALS) {
    const first = r;
    const items = goal.packages.map((p, i) => [p, PACKAGE_CHANGES[goal.no][i].join("\n")]);
    if (goal.no === 4) for (const [p, t] of NEW_MEASURES) items.push([p, t]);
    for (const [p, text] of items) {
      ws.getCell(r, 2).value = p;
      ws.getCell(r, 3).value = text;
      for (let c = 1; c <= 3; c++) {
        const cell = ws.getCell(r, c);
        cell.border = BORDER;
        cell.font = font();
        cell.alignment = { vertical: c === 1 ? "top" : "middle", wrapText: true };
      }
      ws.getRow(r).height = Math.max(30, 15 * (text.split("\n").length + Math.floor(text.length / 70)));
      r++;
    }
    ws.getCell(first, 1).value = `基本目標${goal.no}\n${goal.name}`;
    ws.mergeCells(first, 1, r - 1, 1);
    ws.getCell(first, 1).fill = GOAL_FILL;
  }
}

/** Rewrite every zip entry's DOS date/time so that the output is byte-identical run to run. */
function fixZipTimestamps(buf) {
  const d = FIXED_DATE;
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("zip end of central directory not found");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad zip central directory entry");
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error("bad zip local header");
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

async function buildWorkbookBuffer() {
  const rows = buildSampleRows();
  const wb = new ExcelJS.Workbook();
  wb.creator = "大仙市 企画部 総合政策課（サンプル）";
  wb.lastModifiedBy = "大仙市 企画部 総合政策課（サンプル）";
  wb.title = TITLE;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.calcProperties = { fullCalcOnLoad: false };
  writeCover(wb);
  writeEvaluation(wb, rows);
  writePackageChanges(wb);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(buf);
}

// ---------------------------------------------------------------------------
// --check: read the file back (independently of the data above) and tally it.
const SEED_TALLY = {
  1: { 数値目標: { B: 2 }, KPI: { A: 8, B: 9, C: 3 } },
  2: { 数値目標: { A: 1, C: 1 }, KPI: { A: 2, B: 4, C: 5 } },
  3: { 数値目標: { C: 2 }, KPI: { A: 3, B: 3, C: 3 } },
  4: { 数値目標: { A: 1, B: 1 }, KPI: { A: 5, B: 5, C: 4, D: 1 } },
};
const SEED_REVISIONS = {
  A: { 目標値の修正: 14 },
  B: { 目標値の修正: 1, 指標名の修正: 1 },
  C: { 目標値の修正: 5, 指標名の変更: 4 },
  D: { 新たな指標を設定: 1 },
};

function cellText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && v.richText) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "result" in v) return cellText(v.result);
  return String(v);
}
function toNumber(v) {
  if (typeof v === "number") return v;
  let s = cellText(v).trim().replace(/,/g, "");
  if (s === "" || /^[－―−-]$/.test(s)) return null;
  s = s.replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (s.startsWith("△")) s = "-" + s.slice(1);
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}
function toGrade(v) {
  const s = cellText(v)
    .trim()
    .replace(/[Ａ-Ｄａ-ｄ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/評価$/, "")
    .toUpperCase();
  return /^[ABCD]$/.test(s) ? s : null;
}

async function check(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  console.log(`sheets: ${wb.worksheets.map((w) => w.name).join(", ")}`);
  const ws = wb.getWorksheet(SHEET_NAME);
  // Locate columns from the two header rows (group text from row 3, sub-header from row 4).
  const colOf = {};
  for (let c = 1; c <= ws.columnCount; c++) {
    const top = cellText(ws.getCell(3, c).value).trim();
    const sub = cellText(ws.getCell(4, c).value).trim();
    const key = top && sub && top !== sub ? `${top}/${sub}` : top;
    colOf[key] = c;
  }
  console.log(
    "header (rows 3-4): " +
      Object.entries(colOf)
        .map(([k, c]) => `${ws.getColumn(c).letter}=${k}`)
        .join(" | "),
  );
  const need = [
    "基本目標",
    "区分",
    "指標名",
    "目標の種類",
    "基準値/数値",
    "目標値/数値",
    "実績値/令和4年度",
    "評価",
    "見直し区分",
    "見直し後の目標値",
    "見直し後の指標名",
  ];
  for (const k of need) if (!colOf[k]) throw new Error(`header not found: ${k}`);

  const tally = {};
  const revisions = {};
  const problems = [];
  const mismatches = [];
  let count = 0;
  for (let r = 5; r <= ws.rowCount; r++) {
    const name = cellText(ws.getCell(r, colOf["指標名"]).value).trim();
    const cat = cellText(ws.getCell(r, colOf["区分"]).value).trim();
    if (!name || !cat) continue; // blank, note rows
    count++;
    const goalText = cellText(ws.getCell(r, colOf["基本目標"]).value); // merged: exceljs returns the master's value
    const goal = Number((/基本目標(\d)/.exec(goalText) || [])[1]);
    const grade = toGrade(ws.getCell(r, colOf["評価"]).value);
    if (!goal || !grade) problems.push(`row ${r}: goal=${goal} grade=${grade}`);
    tally[goal] = tally[goal] || { 数値目標: {}, KPI: {} };
    tally[goal][cat][grade] = (tally[goal][cat][grade] || 0) + 1;
    const type = cellText(ws.getCell(r, colOf["見直し区分"]).value).trim();
    if (type) {
      revisions[grade] = revisions[grade] || {};
      revisions[grade][type] = (revisions[grade][type] || 0) + 1;
      const nt = toNumber(ws.getCell(r, colOf["見直し後の目標値"]).value);
      const nn = cellText(ws.getCell(r, colOf["見直し後の指標名"]).value).trim();
      if (type === "目標値の修正" && (nt === null || Number.isNaN(nt))) problems.push(`row ${r}: 目標値の修正 without new target`);
      if (type !== "目標値の修正" && !nn) problems.push(`row ${r}: ${type} without new name`);
      if (type === "指標名の変更" && !/コロナ|物価/.test(cellText(ws.getCell(r, colOf["評価理由"]).value)))
        problems.push(`row ${r}: 指標名の変更 without premise-change reason`);
    }
    // reference grade from the numbers
    const kind = cellText(ws.getCell(r, colOf["目標の種類"]).value).trim();
    const base = toNumber(ws.getCell(r, colOf["基準値/数値"]).value);
    const target = toNumber(ws.getCell(r, colOf["目標値/数値"]).value);
    const actual = toNumber(ws.getCell(r, colOf["実績値/令和4年度"]).value);
    const ref = referenceOf({ targetKind: kind, baseline: base, target, actuals: { [EVAL_YEAR]: actual } });
    if (ref.grade !== grade) mismatches.push(`row ${r} ${cat} ${name}: entered ${grade}, numbers ${ref.grade} (${(ref.progress * 100).toFixed(1)}%)`);
  }

  const grades = ["A", "B", "C", "D"];
  const fmt = (o) => grades.map((g) => String(o[g] || "").padStart(3)).join(" ");
  console.log(`\nindicators read: ${count}\n\n○令和4年度実績における評価\n                     A   B   C   D`);
  let ok = count === 63 && problems.length === 0;
  const total = { 数値目標: {}, KPI: {} };
  for (const g of [1, 2, 3, 4]) {
    for (const cat of ["数値目標", "KPI"]) {
      const got = (tally[g] && tally[g][cat]) || {};
      const want = SEED_TALLY[g][cat];
      const same = grades.every((x) => (got[x] || 0) === (want[x] || 0));
      ok = ok && same;
      for (const x of grades) total[cat][x] = (total[cat][x] || 0) + (got[x] || 0);
      console.log(`基本目標${g}  ${cat === "KPI" ? "KPI     " : cat}  ${fmt(got)}   ${same ? "ok" : "MISMATCH, seed " + fmt(want)}`);
    }
  }
  for (const cat of ["数値目標", "KPI"]) console.log(`合計       ${cat === "KPI" ? "KPI     " : cat}  ${fmt(total[cat])}`);

  console.log("\n○評価ごとの見直し基準と見直し内容");
  for (const g of grades) {
    const got = revisions[g] || {};
    const want = SEED_REVISIONS[g];
    const keys = [...new Set([...Object.keys(got), ...Object.keys(want)])];
    const same = keys.every((k) => (got[k] || 0) === (want[k] || 0));
    ok = ok && same;
    const n = Object.values(got).reduce((a, b) => a + b, 0);
    console.log(
      `${g}評価 ${String(n).padStart(2)}  ${Object.entries(got)
        .map(([k, v]) => `${k} … ${v}指標`)
        .join(" / ")}  ${same ? "ok" : "MISMATCH"}`,
    );
  }
  console.log(`\nentered grade vs numbers (deliberate, 3–5 expected): ${mismatches.length}`);
  for (const m of mismatches) console.log("  " + m);
  for (const p of problems) console.log("PROBLEM " + p);
  console.log(ok ? "\nCHECK OK: matches the seed's tables" : "\nCHECK FAILED");
  return ok;
}

// ---------------------------------------------------------------------------
async function main(argv) {
  const outIdx = argv.indexOf("--out");
  const out = outIdx >= 0 ? path.resolve(argv[outIdx + 1]) : DEFAULT_OUT;
  if (argv.includes("--check")) {
    const ok = await check(out);
    process.exitCode = ok ? 0 : 1;
    return;
  }
  const buf = await buildWorkbookBuffer();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buf);
  console.log(`wrote ${path.relative(process.cwd(), out) || out} (${buf.length} bytes, ${buildSampleRows().length} indicators)`);
}

module.exports = { buildSampleRows, buildWorkbookBuffer, referenceOf, GOALS, PLAN_START, PLAN_END, EVAL_YEAR, SHEET_NAME, COLS };

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exitCode = 2;
  });
}
