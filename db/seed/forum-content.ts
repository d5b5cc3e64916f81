/**
 * Forum categories, posts and comments of the demo (fictional, written for the demo).
 * Authors: `m:<mother key>` (a mother with a login), `k:<kader key>`, `s:<staff key>`.
 * `atAge` dates a post by the author's baby's age in days; comment `after` is hours after it.
 */

export const FORUM_CATEGORIES = [
  { slug: 'pengalaman-menyusui', name: 'Pengalaman menyusui', description: 'Cerita suka duka menyusui, dari hari pertama sampai 6 bulan dan seterusnya.' },
  { slug: 'masalah-payudara', name: 'Masalah payudara', description: 'Puting lecet, payudara bengkak, saluran tersumbat, mastitis: berbagi cara mengatasinya.' },
  { slug: 'memerah-menyimpan', name: 'Memerah & menyimpan ASI', description: 'Memerah dengan tangan atau pompa, menyimpan dan memberikan ASI perah.' },
  { slug: 'kembali-bekerja', name: 'Kembali bekerja', description: 'Tetap memberi ASI eksklusif saat ibu kembali bekerja.' },
  { slug: 'dukungan-keluarga', name: 'Dukungan keluarga', description: 'Peran suami, nenek, dan keluarga dalam keberhasilan menyusui.' },
  { slug: 'tanya-kader-bidan', name: 'Tanya kader & bidan', description: 'Pertanyaan untuk kader dan bidan puskesmas.' },
] as const;

export interface CommentDef {
  by: string;
  after: number;
  body: string;
  /** Marked as the answer of the post. */
  answer?: boolean;
  /** An open report on this comment. */
  report?: { by: string; reason: string };
}

export interface PostDef {
  key: string;
  cat: (typeof FORUM_CATEGORIES)[number]['slug'];
  by: string;
  anon?: boolean;
  atAge: number;
  hour: number;
  title: string;
  body: string;
  status?: 'held' | 'hidden';
  moderationReason?: string;
  /** Who hid it, and a resolved report that led to it. */
  moderatedBy?: string;
  resolvedReport?: { by: string; reason: string };
  editedAfter?: number;
  comments: CommentDef[];
}

export const BJN_POSTS: PostDef[] = [
  {
    key: 'lulus',
    cat: 'pengalaman-menyusui',
    by: 'm:dewi',
    atAge: 183,
    hour: 20,
    title: 'Alhamdulillah, lulus ASI eksklusif 6 bulan!',
    body:
      'Bunda-bunda, hari ini dede genap 6 bulan dan alhamdulillah dari lahir cuma ASI. Awalnya berat banget: minggu pertama puting lecet, dan ASI rasanya sedikit. Mertua sempat minta dede dikasih susu formula karena nangis terus.\n\n' +
      'Untung Bu Kader Nining rajin datang, mengajari posisi pelekatan yang benar dan ikut menjelaskan ke mertua kalau lambung bayi baru lahir itu kecil sekali, jadi wajar sering menyusu. Suami juga bantu menggendong dan menyendawakan dede tiap malam.\n\n' +
      'Buat yang masih berjuang, semangat ya. Pasti bisa!',
    comments: [
      {
        by: 'k:nining',
        after: 2,
        body: 'Masya Allah, selamat Bu Dewi! Ibu hebat, konsisten dari awal walau banyak tantangan. Sekarang mulai MP-ASI ya, ASI tetap lanjut sampai 2 tahun.',
      },
      { by: 'm:sopiah', after: 5, body: 'Selamat, bun! Baca cerita bunda jadi ingat perjuangan saya dulu dengan mertua juga.' },
      { by: 's:bidan', after: 20, body: 'Selamat, Ibu Dewi. Sertifikat ASI Eksklusif akan kami terbitkan dan bisa diunduh dari akun Ibu.' },
      { by: 'm:intan', after: 30, body: 'Semoga saya dan si kembar bisa menyusul. Terima kasih sudah berbagi, bun.' },
    ],
  },
  {
    key: 'lecet',
    cat: 'masalah-payudara',
    by: 'm:putri',
    anon: true,
    atAge: 5,
    hour: 21,
    title: 'Puting lecet sampai berdarah, apa harus berhenti dulu?',
    body: 'Anak pertama, umur 5 hari. Puting kanan lecet sampai berdarah, tiap menyusu saya menangis menahan sakit. Tetangga bilang istirahatkan dulu payudaranya dan kasih dot saja sementara. Apa benar begitu, bun?',
    comments: [
      {
        by: 'k:neneng',
        after: 1,
        answer: true,
        body: 'Bu, jangan berhenti dulu ya. Lecet biasanya karena pelekatan kurang dalam. Ingat AMBIDA: Areola masuk sebanyak mungkin, Mulut terbuka lebar, BIbir bawah terlipat keluar, DAgu menempel ke payudara. Mulai menyusu dari sisi yang tidak lecet, lalu olesi puting dengan ASI setelah menyusu dan biarkan kering. Besok pagi saya mampir ke rumah untuk melihat posisinya.',
      },
      {
        by: 'm:maryam',
        after: 3,
        body: 'Saya dulu juga begitu, bun. Setelah posisi dibetulkan kader, 3–4 hari sudah jauh berkurang sakitnya. Jangan pakai dot dulu, nanti bayi bingung puting.',
      },
      { by: 'm:dewi', after: 9, body: 'Semangat, bun. Minggu pertama memang paling berat, nanti makin mudah.' },
    ],
  },
  {
    key: 'asip-kulkas',
    cat: 'memerah-menyimpan',
    by: 'm:maryam',
    atAge: 120,
    hour: 13,
    title: 'Berapa lama ASI perah tahan di kulkas?',
    body: 'Bun, saya mulai menabung ASI perah untuk jaga-jaga. Kulkas di rumah masih satu pintu. Berapa lama ASIP tahan di kulkas bawah dan di freezer? Lalu cara menghangatkannya bagaimana yang benar?',
    comments: [
      {
        by: 's:gizi',
        after: 4,
        answer: true,
        body: 'Pedoman sederhananya, Bu: suhu ruang sampai 4 jam; kulkas bagian bawah (bukan di pintu) sampai 3 hari; freezer kulkas satu pintu sekitar 2 minggu; freezer pintu terpisah sampai 3 bulan. Beri label tanggal dan pakai yang paling lama dulu. Cairkan di kulkas semalam atau rendam wadahnya di air hangat. Jangan dimasak atau dipanaskan di microwave, dan ASIP yang sudah dihangatkan jangan disimpan lagi.',
      },
      { by: 'm:desi', after: 9, body: 'Tambahan dari pengalaman saya: simpan per porsi kecil (60–90 ml) supaya tidak banyak yang terbuang.' },
      { by: 'k:tati', after: 26, body: 'Betul. Bu Maryam, pertemuan KP-ASI bulan depan juga membahas memerah dan menyimpan ASI, nanti ada praktik langsung.' },
    ],
  },
  {
    key: 'cuti-habis',
    cat: 'kembali-bekerja',
    by: 'm:yuni',
    atAge: 75,
    hour: 21,
    title: 'Cuti habis bulan depan, takut gagal ASI eksklusif',
    body: 'Saya kerja di pabrik garmen di kawasan industri. Cuti melahirkan tiga bulan habis bulan depan, dede baru 2,5 bulan. Di pabrik ada ruang laktasi tapi kecil dan jam istirahat pendek. Bagaimana cara mulai menabung ASIP dari sekarang? Berapa banyak yang harus disiapkan?',
    comments: [
      {
        by: 'k:lilis',
        after: 3,
        body: 'Mulai memerah sekarang, Bu, satu–dua kali sehari setelah menyusu pagi. Sedikit-sedikit tidak apa-apa, nanti makin banyak. Perkiraan kebutuhan di umur segini sekitar 60–90 ml setiap 2–3 jam Ibu pergi.',
      },
      { by: 'm:desi', after: 6, body: 'Saya guru, bun, tiap jam istirahat memerah 15 menit di ruang UKS. Pompa manual juga cukup. Yang penting rutin.' },
      {
        by: 's:bidan',
        after: 24,
        answer: true,
        body: 'Ibu berhak mendapat kesempatan memerah ASI di tempat kerja (PP 33/2012). Coba bicarakan jadwal memerah dengan atasan, idealnya setiap 3 jam. Di rumah, ajari pengasuh memberi ASIP dengan gelas atau sendok, bukan dot.',
      },
    ],
  },
  {
    key: 'mertua-pisang',
    cat: 'dukungan-keluarga',
    by: 'm:sopiah',
    anon: true,
    atAge: 60,
    hour: 20,
    title: 'Mertua memaksa memberi pisang umur 2 bulan',
    body: "Dede baru 2 bulan. Mertua bilang bayi zaman dulu umur segini sudah diberi pisang kerok supaya kuat dan tidur nyenyak. Tiap hari ditanya 'kapan dikasih makan?'. Saya tidak enak menolak terus. Bagaimana cara menjelaskannya tanpa menyinggung?",
    comments: [
      {
        by: 'k:iis',
        after: 2,
        answer: true,
        body: 'Ibu tidak sendiri, ini sering sekali terjadi. Usus bayi belum siap untuk makanan sebelum 6 bulan, dan ASI sudah mencukupi semua kebutuhannya. Coba ajak mertua ikut pertemuan KP-ASI bulan depan, topiknya dukungan keluarga. Kadang lebih mudah kalau yang menjelaskan kader atau bidan, bukan menantunya.',
      },
      {
        by: 'm:desi',
        after: 5,
        body: 'Anak pertama saya dulu dari umur 1 bulan sudah dikasih pisang sama nenek, sehat-sehat saja kok, malah gemuk.',
        report: { by: 'm:lina', reason: 'Saran ini bertentangan dengan ASI eksklusif, mohon ditinjau kader.' },
      },
      { by: 'm:dewi', after: 8, body: 'Saya juga pernah, bun. Suami yang akhirnya bantu bicara ke ibunya. Minta dukungan suami dulu.' },
      {
        by: 's:bidan',
        after: 28,
        body: 'Makanan sebelum 6 bulan bisa menyebabkan diare dan membuat bayi menyusu lebih sedikit. Pengalaman tiap bayi berbeda, dan anjuran kami tetap ASI saja sampai 6 bulan.',
      },
    ],
  },
  {
    key: 'tiap-jam',
    cat: 'tanya-kader-bidan',
    by: 'm:rina',
    atAge: 21,
    hour: 22,
    title: 'Bayi menyusu tiap jam, apa ASI saya kurang?',
    body: 'Dede umur 3 minggu, malam bisa minta menyusu tiap satu jam. Siang juga sering. Saya jadi khawatir ASI saya kurang dan dede tidak kenyang. Mertua sudah menyarankan tambah susu formula. Apa perlu?',
    comments: [
      {
        by: 's:bidan',
        after: 3,
        answer: true,
        body: 'Tidak perlu susu formula, Bu. Di umur 2–3 minggu bayi sering mengalami lonjakan pertumbuhan dan minta menyusu lebih sering; itu cara alami bayi menambah produksi ASI. Tanda ASI cukup: buang air kecil 6 kali atau lebih sehari, air seni jernih, dan berat badan naik. Susui sesuai keinginan bayi, 8–12 kali sehari atau lebih.',
      },
      { by: 'k:euis', after: 6, body: 'Besok saya timbang dede waktu kunjungan ya, Bu Rina, supaya Ibu tenang.' },
      { by: 'm:ika', after: 10, body: 'Sama, bun, fase seperti ini biasanya beberapa hari saja. Semangat!' },
    ],
  },
  {
    key: 'kembar',
    cat: 'pengalaman-menyusui',
    by: 'm:intan',
    atAge: 50,
    hour: 14,
    title: 'Menyusui bayi kembar, ternyata bisa!',
    body: 'Si kembar sekarang 7 minggu. Awalnya saya yakin ASI tidak mungkin cukup untuk dua bayi. Ternyata produksi ASI mengikuti kebutuhan: makin sering disusui, makin banyak. Sekarang saya bisa menyusui berdua sekaligus dengan posisi football (dikepit) memakai bantal menyusui. Capek, tapi suami dan ibu saya bergantian membantu urusan rumah.',
    comments: [
      { by: 'k:euis', after: 2, body: 'Bu Intan luar biasa! Berat badan si kembar juga naik bagus di kunjungan terakhir.' },
      { by: 'm:fitri', after: 7, body: 'Keren, bun! Boleh dicontohkan posisinya waktu pertemuan nanti?' },
      { by: 'm:putri', after: 12, body: 'Jadi semangat. Saya satu bayi saja kadang sudah kewalahan.' },
    ],
  },
  {
    key: 'bengkak',
    cat: 'masalah-payudara',
    by: 'm:lina',
    atAge: 4,
    hour: 20,
    title: 'Payudara bengkak dan keras di hari ketiga',
    body: 'Dari kemarin payudara saya keras, panas, dan sakit sekali. Dede jadi susah menyusu karena putingnya jadi datar. Apa yang harus saya lakukan?',
    comments: [
      {
        by: 'k:dedeh',
        after: 1,
        answer: true,
        body: 'Itu bengkak karena ASI mulai banyak, Bu. Susui lebih sering, minimal tiap 2 jam, kedua sisi. Sebelum menyusu kompres hangat sebentar dan perah sedikit supaya areola lebih lunak dan dede mudah melekat. Sesudah menyusu kompres dingin. Kalau demam tinggi atau ada bagian yang merah, segera ke puskesmas.',
      },
      { by: 's:gizi', after: 15, body: 'Jangan lupa makan dan minum yang cukup, Bu. Ibu menyusui perlu makan lebih banyak dari biasanya dan minum setiap kali haus.' },
    ],
  },
  {
    key: 'mastitis',
    cat: 'masalah-payudara',
    by: 'm:fitri',
    anon: true,
    atAge: 40,
    hour: 6,
    title: 'Demam dan payudara merah sebelah, mastitis?',
    body: 'Sejak semalam badan saya meriang, payudara kiri merah, panas, dan sakit kalau disentuh. Apa saya harus berhenti menyusui dari sisi itu?',
    comments: [
      {
        by: 's:bidan',
        after: 1,
        answer: true,
        body: 'Kemungkinan mastitis, Bu. Hari ini juga datang ke puskesmas supaya diperiksa dan diberi obat yang aman untuk ibu menyusui. Jangan berhenti menyusui; justru susui lebih sering dari sisi yang sakit supaya ASI keluar. Istirahat dan minum yang cukup.',
      },
      { by: 'k:entin', after: 2, body: 'Bu, saya antar ke puskesmas siang ini ya.' },
      { by: 'm:desi', after: 30, body: 'Semoga cepat sembuh, bun.' },
    ],
  },
  {
    key: 'marmet',
    cat: 'memerah-menyimpan',
    by: 'm:desi',
    atAge: 100,
    hour: 20,
    title: 'Memerah dengan tangan atau pompa?',
    body: 'Saya sudah coba pompa manual tapi hasilnya sedikit. Di pertemuan kemarin diajari memerah dengan tangan (teknik Marmet). Ternyata hasilnya lebih banyak dan tidak sakit. Ada yang juga lebih cocok dengan tangan?',
    comments: [
      { by: 'm:maryam', after: 5, body: 'Saya kombinasi, bun: pompa dulu, lalu dilanjutkan dengan tangan. Pijat payudara sebelum memerah juga membantu.' },
      {
        by: 'k:ai',
        after: 8,
        body: 'Betul, Bu Desi. Memerah dengan tangan gratis dan bisa di mana saja. Yang penting tangan dan wadah bersih, dan memerah sambil rileks.',
      },
    ],
  },
  {
    key: 'tanpa-dot',
    cat: 'kembali-bekerja',
    by: 'm:dewi',
    atAge: 150,
    hour: 19,
    title: 'Memberikan ASIP tanpa dot',
    body: 'Pengasuh di rumah awalnya memakai dot untuk memberi ASIP. Setelah diingatkan kader, sekarang memakai gelas kecil. Awalnya tumpah-tumpah, seminggu kemudian sudah lancar. Dede juga tetap mau menyusu langsung waktu saya pulang.',
    comments: [
      { by: 'k:nining', after: 4, body: 'Terima kasih Bu Dewi sudah berbagi. Memberi ASIP dengan gelas atau sendok mencegah bingung puting.' },
      { by: 'm:yuni', after: 9, body: 'Boleh tahu, gelasnya beli di mana, bun?' },
      { by: 'm:dewi', after: 11, body: 'Di apotek dekat pasar ada, bun. Bisa juga pakai gelas kecil biasa yang bersih.' },
    ],
  },
  {
    key: 'suami-ikut',
    cat: 'dukungan-keluarga',
    by: 'm:ika',
    atAge: 90,
    hour: 16,
    title: 'Suami ikut pertemuan KP-ASI',
    body: 'Kemarin suami saya ikut pertemuan KP-ASI di balai desa. Awalnya malu karena hampir semuanya ibu-ibu, tapi pulangnya dia jadi semangat: sekarang dia yang menjelaskan ke ibunya kenapa dede belum boleh diberi air putih. Terima kasih kader dan bidan!',
    comments: [
      { by: 'k:tati', after: 3, body: 'Senang sekali bapak-bapak mau datang. Dukungan suami itu kunci. Ajak lagi bulan depan, Bu.' },
      { by: 'm:sopiah', after: 6, body: 'Wah, ingin ajak suami juga, tapi dia kerja shift.' },
      { by: 's:gizi', after: 22, body: 'Terima kasih Bu Ika. Di pertemuan berikutnya kami sediakan juga sesi tanya jawab untuk suami dan nenek.' },
    ],
  },
  {
    key: 'kuning',
    cat: 'tanya-kader-bidan',
    by: 'm:maryam',
    atAge: 4,
    hour: 19,
    title: 'Bayi kuning di hari ke-4, boleh tetap menyusu?',
    body: 'Kulit dede tampak kuning sampai dada. Tadi kader sudah merujuk ke bidan. Apa boleh tetap menyusu? Ada yang bilang harus dijemur dan diberi air putih.',
    comments: [
      {
        by: 's:bidan',
        after: 2,
        answer: true,
        body: 'Tetap menyusui, justru lebih sering (tiap 2 jam) supaya kuningnya cepat turun. Tidak perlu air putih. Kuning termasuk tanda bahaya bila muncul di hari pertama, menyebar sampai telapak tangan atau kaki, atau bayi malas menyusu: segera ke puskesmas. Besok pagi Ibu datang ke puskesmas untuk diperiksa.',
      },
      { by: 'k:tati', after: 3, body: 'Besok saya temani ke puskesmas, Bu.' },
      { by: 'm:lina', after: 20, body: 'Anak saya dulu juga kuning, bun. Setelah rajin menyusu, seminggu kemudian hilang.' },
    ],
  },
  {
    key: 'air-putih',
    cat: 'pengalaman-menyusui',
    by: 'm:yuni',
    atAge: 60,
    hour: 13,
    title: 'Ternyata bayi di bawah 6 bulan tidak perlu air putih',
    body: 'Anak pertama saya dulu diberi air putih sejak umur sebulan, katanya supaya tidak sariawan dan tidak haus. Di pertemuan KP-ASI saya baru tahu kalau ASI sebagian besar isinya air, jadi bayi tidak perlu minum air lagi, bahkan waktu cuaca panas. Anak kedua ini alhamdulillah ASI saja.',
    comments: [
      { by: 'k:lilis', after: 2, body: 'Betul, Bu Yuni. Air putih malah bisa membuat bayi kenyang sehingga menyusu lebih sedikit.' },
      { by: 'm:fitri', after: 10, body: 'Baru tahu juga, bun. Terima kasih infonya.' },
    ],
  },
  {
    key: 'obat-flu',
    cat: 'tanya-kader-bidan',
    by: 'm:lina',
    anon: true,
    atAge: 130,
    hour: 9,
    title: 'Boleh minum obat flu saat menyusui?',
    body: 'Saya flu dan batuk sudah tiga hari. Takut menular ke dede lewat ASI. Apa saya harus berhenti menyusui dulu? Obat apa yang aman?',
    comments: [
      {
        by: 's:bidan',
        after: 3,
        answer: true,
        body: 'Tetap menyusui, Bu. Flu tidak menular lewat ASI; justru ASI mengandung antibodi yang melindungi bayi. Pakai masker dan cuci tangan sebelum menyusui. Untuk obat, periksa ke puskesmas dan sampaikan bahwa Ibu sedang menyusui supaya diberi obat yang aman.',
      },
      { by: 'k:dedeh', after: 5, body: 'Minum air hangat yang banyak dan istirahat, Bu. Semoga lekas sembuh.' },
    ],
  },
  {
    key: 'kaca-kantong',
    cat: 'memerah-menyimpan',
    by: 'm:putri',
    atAge: 30,
    hour: 15,
    title: 'Botol kaca atau kantong ASI?',
    body: 'Mau mulai menyimpan ASIP. Lebih baik pakai botol kaca atau kantong plastik khusus ASI? Dana terbatas, bun.',
    comments: [
      { by: 'm:maryam', after: 4, body: 'Saya pakai botol kaca bekas selai yang direbus dulu, bun. Hemat dan bisa dipakai ulang.' },
      {
        by: 'k:neneng',
        after: 6,
        answer: true,
        body: 'Dua-duanya boleh, Bu. Yang penting bersih, bertutup rapat, dan diberi label tanggal. Botol kaca bisa dipakai ulang setelah dicuci dan direbus; kantong ASI lebih hemat tempat di freezer tapi sekali pakai.',
      },
    ],
  },
  {
    key: 'jadwal-sekolah',
    cat: 'kembali-bekerja',
    by: 'm:desi',
    atAge: 130,
    hour: 20,
    editedAfter: 1,
    title: 'Jadwal memerah di sekolah',
    body: 'Saya guru SD, mulai mengajar lagi minggu ini. Jadwal saya: menyusui jam 05.30 sebelum berangkat, memerah jam 09.30 saat istirahat, memerah lagi jam 12.00, pulang jam 14.00 langsung menyusui. Dede di rumah bersama ibu saya dan diberi ASIP dengan sendok. Ada saran lain?',
    comments: [
      { by: 'k:ai', after: 3, body: 'Jadwalnya sudah bagus, Bu. Sediakan cooler bag dan ice gel untuk membawa ASIP pulang.' },
      { by: 'm:yuni', after: 8, body: 'Terima kasih, bun, jadwalnya saya catat buat persiapan nanti.' },
      { by: 'm:dewi', after: 12, body: 'Semangat, bun! Malam hari susui sesering mungkin supaya produksi tetap banyak.' },
    ],
  },
  {
    key: 'puasa',
    cat: 'pengalaman-menyusui',
    by: 'm:fitri',
    atAge: 120,
    hour: 17,
    title: 'Puasa Senin–Kamis saat menyusui',
    body: 'Saya biasa puasa Senin–Kamis. Sekarang dede 4 bulan, ASI saja. Kemarin coba puasa, sore hari rasanya lemas dan dede lebih rewel. Apa sebaiknya saya tidak puasa dulu?',
    comments: [
      {
        by: 's:bidan',
        after: 4,
        answer: true,
        body: 'Ibu menyusui boleh tidak berpuasa sunah. Bila tetap ingin berpuasa, cukupkan minum dan makanan bergizi saat sahur dan berbuka, dan hentikan puasa bila Ibu lemas, pusing, atau dede buang air kecil lebih jarang dari biasanya.',
      },
      { by: 'm:ika', after: 9, body: 'Saya juga menunda dulu, bun, nanti setelah dede lebih besar.' },
    ],
  },
  {
    key: 'asi-encer',
    cat: 'dukungan-keluarga',
    by: 'm:intan',
    anon: true,
    atAge: 30,
    hour: 21,
    title: 'Nenek bilang ASI saya encer',
    body: 'Ibu saya melihat ASI perah saya warnanya agak bening dan encer, katanya tidak bergizi dan si kembar perlu tambahan susu. Saya jadi ragu.',
    comments: [
      {
        by: 'k:euis',
        after: 2,
        answer: true,
        body: 'ASI memang berubah selama satu kali menyusu, Bu. ASI awal lebih encer dan banyak airnya untuk melepas haus; ASI akhir lebih kental dan berlemak untuk mengenyangkan. Dua-duanya penting. Susui sampai payudara terasa kosong sebelum pindah sisi. Nanti waktu kunjungan saya bantu jelaskan ke nenek.',
      },
      { by: 'm:rina', after: 6, body: 'Sama, bun, ibu saya juga bilang begitu. Setelah dijelaskan kader, sekarang malah ibu saya yang mengingatkan saya banyak minum.' },
    ],
  },
  {
    key: 'mpasi',
    cat: 'tanya-kader-bidan',
    by: 'm:sopiah',
    atAge: 170,
    hour: 10,
    title: 'Kapan dan bagaimana mulai MP-ASI?',
    body: 'Dede hampir 6 bulan, alhamdulillah masih ASI saja. Kapan tepatnya mulai MP-ASI? Boleh langsung nasi tim atau harus bubur saring dulu?',
    comments: [
      {
        by: 's:gizi',
        after: 3,
        answer: true,
        body: 'Mulai tepat di usia 6 bulan, Bu. Awali 2–3 kali sehari dengan tekstur lumat (bubur saring) sebanyak 2–3 sendok makan, lalu naikkan jumlah dan kekentalannya bertahap. Sertakan protein hewani setiap hari: telur, hati ayam, ikan. ASI tetap dilanjutkan sampai 2 tahun.',
      },
      { by: 'k:iis', after: 5, body: 'Bulan depan ada pertemuan KP-ASI tentang persiapan MP-ASI, Bu Sopiah, ada demo masaknya.' },
      { by: 'm:lina', after: 8, body: 'Saya mulai dengan bubur beras dan hati ayam, bun. Dede lahap.' },
    ],
  },
  {
    key: 'sumbatan',
    cat: 'masalah-payudara',
    by: 'm:ika',
    atAge: 50,
    hour: 11,
    title: 'Ada benjolan kecil di payudara',
    body: 'Ada benjolan kecil yang sakit di payudara kanan sejak kemarin, tapi tidak demam. Apa ini saluran ASI tersumbat?',
    comments: [
      {
        by: 'k:tati',
        after: 2,
        answer: true,
        body: 'Kemungkinan saluran tersumbat, Bu. Susui lebih sering dari sisi itu dengan dagu dede mengarah ke benjolan, pijat lembut dari benjolan ke arah puting saat menyusu, dan kompres hangat sebelumnya. Kalau muncul demam atau kemerahan, segera ke puskesmas.',
      },
      { by: 'm:fitri', after: 6, body: 'Saya pernah sampai jadi mastitis karena terlambat ditangani, bun. Cepat disusui ya.' },
    ],
  },
  {
    key: 'tiga-bulan',
    cat: 'pengalaman-menyusui',
    by: 'm:rina',
    atAge: 90,
    hour: 20,
    title: 'Dede 3 bulan, masih ASI saja',
    body: 'Alhamdulillah dede sudah 3 bulan dan masih ASI saja. Beratnya naik terus tiap ditimbang di posyandu. Terima kasih Bu Euis yang rajin berkunjung. Tiga bulan lagi menuju sertifikat, doakan ya bunda-bunda!',
    comments: [
      { by: 'k:euis', after: 2, body: 'Aamiin, Bu Rina. Terus semangat!' },
      { by: 'm:intan', after: 5, body: 'Aamiin, semoga kita lulus bareng ya, bun.' },
      { by: 'm:dewi', after: 26, body: 'Aamiin, pasti bisa, bun!' },
    ],
  },
  {
    key: 'bingung-puting',
    cat: 'pengalaman-menyusui',
    by: 'm:desi',
    atAge: 20,
    hour: 21,
    title: 'Bayi bingung puting setelah diberi dot di klinik',
    body: 'Hari pertama dede diberi susu formula pakai dot di klinik bersalin, tanpa bertanya ke saya. Di rumah dede jadi menolak menyusu langsung dan menangis terus. Ada yang pernah mengalami?',
    comments: [
      {
        by: 'k:ai',
        after: 2,
        answer: true,
        body: 'Itu bingung puting, Bu. Hentikan dot sama sekali, lakukan kontak kulit ke kulit sesering mungkin, dan tawarkan payudara saat dede mulai mencari-cari (sebelum menangis keras). Kalau perlu ASI perah, berikan dengan sendok atau gelas kecil. Biasanya beberapa hari sudah membaik.',
      },
      { by: 'm:lina', after: 7, body: 'Anak saya juga begitu, bun. Sabar, seminggu kemudian dede sudah mau menyusu lagi.' },
      { by: 'm:desi', after: 96, body: 'Terima kasih, Bu Ai. Sudah empat hari tanpa dot, dede mulai mau menyusu langsung.' },
    ],
  },
  {
    key: 'ruang-laktasi',
    cat: 'kembali-bekerja',
    by: 'm:yuni',
    atAge: 120,
    hour: 21,
    title: 'Ruang laktasi di pabrik',
    body: 'Kabar dari saya: sudah sebulan kembali kerja. Ruang laktasi di pabrik sempit dan sering dipakai untuk istirahat karyawan lain, jadi memerah susah. Sekarang dede sudah ditambah susu formula oleh pengasuh. Sedih, tapi saya tetap menyusui waktu di rumah.',
    comments: [
      { by: 'k:lilis', after: 3, body: 'Bu Yuni sudah berjuang keras. Tetap menyusui di rumah itu sangat berarti untuk dede.' },
      {
        by: 's:bidan',
        after: 20,
        body: 'Terima kasih sudah berbagi, Bu. Puskesmas sedang menyurati beberapa pabrik di kawasan industri tentang ruang laktasi. Menyusui langsung saat di rumah, terutama malam, membantu produksi ASI tetap terjaga.',
      },
      { by: 'm:desi', after: 24, body: 'Peluk dari jauh, bun. Bunda tetap hebat.' },
    ],
  },
  {
    key: 'sampel',
    cat: 'pengalaman-menyusui',
    by: 'm:lina',
    atAge: 250,
    hour: 15,
    status: 'held',
    moderationReason: 'Ditahan otomatis: memuat istilah terblokir "sampel gratis", "SGM".',
    title: 'Ada yang mau sampel gratis susu formula?',
    body: 'Saya dapat sampel gratis SGM dari sales waktu kontrol di klinik, ada 3 kotak dan belum dibuka. Siapa yang mau, ambil saja ke rumah.',
    comments: [],
  },
  {
    key: 'jual-pompa',
    cat: 'memerah-menyimpan',
    by: 'm:fitri',
    atAge: 175,
    hour: 12,
    status: 'hidden',
    moderationReason: 'Jual beli tidak diizinkan di forum berbagi pengalaman.',
    moderatedBy: 'k:entin',
    resolvedReport: { by: 'm:ika', reason: 'Jualan di forum.' },
    title: 'Jual pompa ASI elektrik bekas',
    body: 'Jual pompa ASI elektrik double, pemakaian 3 bulan, masih mulus lengkap dengan dus. Harga nego, minat japri ya, bun.',
    comments: [],
  },
];

export const GPT_POSTS: PostDef[] = [
  {
    key: 'g-pertama',
    cat: 'pengalaman-menyusui',
    by: 'm:g-yanti',
    atAge: 100,
    hour: 19,
    title: 'Pertama kali ikut KP-ASI di Posyandu Teratai',
    body: 'Baru pertama kali ikut pertemuan KP-ASI. Ternyata banyak ibu yang punya masalah sama: puting lecet dan merasa ASI kurang. Senang bisa saling berbagi.',
    comments: [
      { by: 'k:rohimah', after: 3, body: 'Terima kasih sudah datang, Bu Yanti. Bulan depan kita bahas memerah ASI.' },
      { by: 's:bidan', after: 20, body: 'Sampai jumpa di pertemuan berikutnya, Bu.' },
    ],
  },
  {
    key: 'g-memerah',
    cat: 'memerah-menyimpan',
    by: 'm:g-yanti',
    atAge: 150,
    hour: 20,
    title: 'Kapan boleh mulai memerah ASI?',
    body: 'Saya ingin mulai menyimpan ASI perah untuk persiapan acara keluarga. Kapan sebaiknya mulai memerah?',
    comments: [
      {
        by: 's:bidan',
        after: 5,
        answer: true,
        body: 'Boleh kapan saja, Bu; paling mudah setelah menyusui lancar. Perah satu jam setelah menyusu pagi, saat ASI biasanya paling banyak.',
      },
    ],
  },
];

/** Session summaries per topic (closed sessions). */
export const SESSION_SUMMARIES: Record<string, string[]> = {
  ten_steps: [
    'Membahas sepuluh langkah menuju keberhasilan menyusui, IMD, dan rawat gabung. Ibu-ibu berbagi pengalaman minggu pertama menyusui.',
    'Diskusi tentang pentingnya IMD dan menyusui sesuai keinginan bayi; dua ibu menceritakan pengalaman bayinya diberi susu formula di tempat bersalin.',
  ],
  positioning_attachment: [
    'Praktik posisi dan pelekatan (AMBIDA) dengan boneka dan langsung dengan bayi. Beberapa ibu dengan puting lecet dibantu memperbaiki pelekatan.',
    'Latihan posisi menyusui berbaring, mendekap, dan football; kader memeriksa pelekatan tiap ibu.',
  ],
  expressing_storing: [
    'Demonstrasi memerah ASI dengan tangan (teknik Marmet) serta cara menyimpan dan memberikan ASI perah dengan gelas atau sendok.',
    'Praktik memerah dan memberi label ASIP; membahas lama simpan di suhu ruang, kulkas, dan freezer.',
  ],
  back_to_work: [
    'Menyusun jadwal memerah untuk ibu yang akan kembali bekerja; membahas hak ibu menyusui di tempat kerja (PP 33/2012).',
    'Berbagi pengalaman ibu pekerja pabrik dan guru; cara melatih pengasuh memberi ASIP tanpa dot.',
  ],
  breast_problems: [
    'Membahas payudara bengkak, saluran tersumbat, dan mastitis: cara mencegah, kompres, dan kapan harus ke puskesmas.',
    'Tanya jawab tentang puting lecet dan benjolan di payudara; bidan menjelaskan tanda mastitis yang perlu dirujuk.',
  ],
  family_support: [
    'Suami dan nenek ikut berdiskusi tentang mitos pemberian air putih, madu, dan pisang sebelum 6 bulan.',
    'Sesi khusus keluarga: peran suami membantu menyendawakan bayi dan pekerjaan rumah agar ibu cukup istirahat.',
  ],
  complementary_food: [
    'Demo masak MP-ASI pertama dengan bahan lokal (bubur beras, hati ayam, telur) untuk bayi yang mendekati 6 bulan.',
    'Membahas tekstur dan porsi MP-ASI sesuai usia serta pentingnya protein hewani; ASI tetap dilanjutkan sampai 2 tahun.',
  ],
  free: ['Ibu-ibu berbagi cara tetap menyusui saat bayi diare atau batuk pilek; bidan menjelaskan penggunaan oralit.'],
};
