/*
 * demo.c — the demo data generator. Names are built from syllables in the partner's
 * script so that 100,000 partners stay (almost) distinct, while common words ("Data",
 * "Cloud", "داده", "الحلول") recur the way they do in real channel networks.
 */
#include "demo.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../store/db.h"
#include "contact.h"
#include "note.h"
#include "partner.h"
#include "territory.h"
#include "user.h"

#include <string.h>

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int pick(struct rng *r, int n)
{
	return (int)(next(r) % (uint64_t)n);
}

#define N(a) ((int)(sizeof(a) / sizeof *(a)))
#define ONE(r, a) (a[pick(r, N(a))])

enum script { LATIN, PERSIAN, ARABIC };

struct city {
	const char *name, *country, *region;
	double lat, lon;
	int arabic_pct, persian_pct; /* share of names in each script */
	const char *phone_cc;
	const char *lang;
};

static const struct city cities[] = {
	{"Tehran", "IR", "Tehran Province", 35.6892, 51.3890, 0, 75, "+98", "fa"},
	{"Mashhad", "IR", "Razavi Khorasan", 36.2605, 59.6168, 0, 80, "+98", "fa"},
	{"Isfahan", "IR", "Isfahan Province", 32.6546, 51.6680, 0, 80, "+98", "fa"},
	{"Shiraz", "IR", "Fars", 29.5918, 52.5837, 0, 80, "+98", "fa"},
	{"Tabriz", "IR", "East Azerbaijan", 38.0962, 46.2738, 0, 70, "+98", "fa"},
	{"Karaj", "IR", "Alborz", 35.8400, 50.9391, 0, 80, "+98", "fa"},
	{"Dubai", "AE", "Dubai", 25.2048, 55.2708, 35, 5, "+971", "ar"},
	{"Abu Dhabi", "AE", "Abu Dhabi", 24.4539, 54.3773, 45, 0, "+971", "ar"},
	{"Sharjah", "AE", "Sharjah", 25.3463, 55.4209, 50, 0, "+971", "ar"},
	{"Riyadh", "SA", "Riyadh Province", 24.7136, 46.6753, 60, 0, "+966", "ar"},
	{"Jeddah", "SA", "Makkah Province", 21.4858, 39.1925, 60, 0, "+966", "ar"},
	{"Dammam", "SA", "Eastern Province", 26.4207, 50.0888, 60, 0, "+966", "ar"},
	{"Cairo", "EG", "Cairo Governorate", 30.0444, 31.2357, 55, 0, "+20", "ar"},
	{"Alexandria", "EG", "Alexandria Governorate", 31.2001, 29.9187, 55, 0, "+20", "ar"},
	{"Istanbul", "TR", "Marmara", 41.0082, 28.9784, 0, 0, "+90", "tr"},
	{"Ankara", "TR", "Central Anatolia", 39.9334, 32.8597, 0, 0, "+90", "tr"},
	{"Izmir", "TR", "Aegean", 38.4237, 27.1428, 0, 0, "+90", "tr"},
	{"Kuala Lumpur", "MY", "Federal Territory", 3.1390, 101.6869, 0, 0, "+60", "ms"},
	{"George Town", "MY", "Penang", 5.4141, 100.3288, 0, 0, "+60", "ms"},
	{"Johor Bahru", "MY", "Johor", 1.4927, 103.7414, 0, 0, "+60", "ms"},
	{"Jakarta", "ID", "DKI Jakarta", -6.2088, 106.8456, 0, 0, "+62", "id"},
	{"Surabaya", "ID", "East Java", -7.2575, 112.7521, 0, 0, "+62", "id"},
	{"Bandung", "ID", "West Java", -6.9175, 107.6191, 0, 0, "+62", "id"},
	{"Singapore", "SG", "Central Region", 1.3521, 103.8198, 0, 0, "+65", "en"},
	{"Doha", "QA", "Ad Dawhah", 25.2854, 51.5310, 55, 0, "+974", "ar"},
	{"Kuwait City", "KW", "Al Asimah", 29.3759, 47.9774, 55, 0, "+965", "ar"},
	{"Muscat", "OM", "Muscat Governorate", 23.5880, 58.3829, 55, 0, "+968", "ar"},
	{"Manama", "BH", "Capital Governorate", 26.2285, 50.5860, 50, 0, "+973", "ar"},
	{"Amman", "JO", "Amman Governorate", 31.9454, 35.9284, 55, 0, "+962", "ar"},
	{"Karachi", "PK", "Sindh", 24.8607, 67.0011, 0, 0, "+92", "ur"},
	{"Mumbai", "IN", "Maharashtra", 19.0760, 72.8777, 0, 0, "+91", "en"},
	{"Bangkok", "TH", "Bangkok", 13.7563, 100.5018, 0, 0, "+66", "th"},
	{"Ho Chi Minh City", "VN", "Southeast", 10.8231, 106.6297, 0, 0, "+84", "vi"},
	{"Manila", "PH", "Metro Manila", 14.5995, 120.9842, 0, 0, "+63", "en"},
	{"London", "GB", "England", 51.5074, -0.1278, 0, 0, "+44", "en"},
	{"Berlin", "DE", "Berlin", 52.5200, 13.4050, 0, 0, "+49", "de"},
};

static const char *const latin_syl[] = {"ra", "ko", "mi", "ta", "ne", "lu", "sa", "vo", "ri", "de", "ka", "no",
					"zen", "ar", "el", "tri", "mo", "va", "ly", "so", "ba", "ti", "xo", "fa"};
static const char *const latin_word[] = {"Data", "Cloud", "Systems", "Networks", "Tech", "Digital", "Solutions",
					 "Secure", "Analytics", "Integrators", "Software", "Telecom", "IT Services"};
static const char *const latin_tail[] = {"", "", "Group", "Partners", "International", "Technologies", "Consulting",
					 "Labs"};
static const char *const fa_syl[] = {"را", "کا", "سا", "مه", "نو", "دا", "پا", "تا", "زا", "فر", "آر", "سپ", "هو",
				     "بر", "ما", "نی", "ون", "تک", "رس", "کی"};
static const char *const fa_word[] = {"داده‌پردازان", "فن‌آوران", "سامانه‌های", "رایانش", "شبکه", "ارتباطات",
				      "مهندسی", "نرم‌افزار", "امنیت", "هوشمند"};
static const char *const fa_tail[] = {"پارس", "آریا", "البرز", "سپهر", "کاوه", "ایرانیان", "نوین", "دماوند",
				      "زاگرس", "خاورمیانه"};
static const char *const ar_syl[] = {"را", "كا", "سا", "مي", "نو", "دا", "با", "تا", "زا", "فا", "أم", "سل", "هو",
				     "بر", "ما", "ني", "ود", "تق", "رس", "كي"};
static const char *const ar_word[] = {"للتقنية", "للأنظمة", "للحلول الذكية", "للاتصالات", "للشبكات", "للبيانات",
				      "للبرمجيات", "للأمن السيبراني"};
static const char *const ar_head[] = {"الخليج", "النور", "الأفق", "المستقبل", "الريادة", "الواحة", "السحاب",
				      "الجزيرة", "الصقر", "الهلال"};
static const char *const industries[] = {"Banking", "Government", "Healthcare", "Oil and gas", "Retail", "Telecom",
					 "Education", "Manufacturing", "Logistics", "Hospitality", "Insurance"};
static const char *const specialisations[] = {"Cloud migration", "Cybersecurity", "Data analytics", "ERP",
					      "Networking", "Managed services", "AI", "Backup and recovery", "IoT"};
static const char *const segments[] = {"SMB", "Mid-market", "Enterprise", "Public sector"};
static const char *const employees[] = {"1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"};
static const char *const tiers[] = {"Registered", "Registered", "Registered", "Silver", "Silver", "Gold", "Platinum"};

struct person {
	const char *first, *last;
};
static const struct person latin_people[] = {
	{"Aisha", "Rahman"}, {"Omar", "Haddad"}, {"Mei Ling", "Tan"}, {"Budi", "Santoso"}, {"Emre", "Yilmaz"},
	{"Sara", "Karimi"}, {"Hassan", "Al-Farsi"}, {"Nurul", "Izzah"}, {"David", "Chen"}, {"Fatima", "Zahra"},
	{"Ahmad", "Faizal"}, {"Elif", "Demir"}, {"Rizal", "Hakim"}, {"Layla", "Nasser"}, {"John", "Walker"}};
static const struct person fa_people[] = {{"علی", "رضایی"}, {"مریم", "کریمی"}, {"رضا", "حسینی"}, {"زهرا", "محمدی"},
					  {"کاوه", "احمدی"}, {"نرگس", "موسوی"}, {"امیر", "جعفری"}, {"سارا", "کاظمی"}};
static const struct person ar_people[] = {{"محمد", "العتيبي"}, {"فاطمة", "الزهراني"}, {"علي", "الهاشمي"},
					  {"نورة", "القحطاني"}, {"خالد", "المنصوري"}, {"مريم", "الشامسي"}};

static const char *const notes_en[] = {
	"Quarterly business review: pipeline is healthy; they asked for MDF for a launch event in Q1.",
	"Visited the office. New technical lead passed the cloud security certification.",
	"Call about a stalled government deal; offered presales support from our team.",
	"Partner is worried about price competition from a distributor in the same city."};
static const char *const notes_fa[] = {
	"بازدید از دفتر شرکت؛ تیم فنی جدید دوره‌های پایه را شروع کرده است.",
	"جلسه فصلی: فروش سه ماه گذشته بالاتر از هدف بود و برای رویداد معرفی محصول بودجه بازاریابی خواستند.",
	"تماس تلفنی درباره پروژه بانکی؛ نیاز به پشتیبانی پیش از فروش دارند."};
static const char *const notes_ar[] = {
	"زيارة للمكتب: الفريق مهتم بشهادة الأمن السحابي ويطلب تدريباً إضافياً.",
	"مراجعة ربع سنوية: المبيعات أقل من الهدف بسبب تأخر المشاريع الحكومية.",
	"مكالمة حول صفقة مع بنك محلي؛ طلبوا دعماً فنياً قبل البيع."};
static const char *const notes_ms[] = {
	"Lawatan ke pejabat: pasukan jualan baharu memerlukan latihan produk.",
	"Semakan suku tahunan: saluran jualan kukuh, mereka meminta dana pemasaran untuk acara pelancaran."};

static const char *brand(struct arena *a, struct rng *r, const char *const *syl, int nsyl, bool capital)
{
	int n = 2 + pick(r, 2);
	struct strbuf sb;
	sb_init(&sb, a, 32, 128);
	for (int i = 0; i < n; i++)
		sb_puts(&sb, syl[pick(r, nsyl)]);
	if (capital && sb.data[0] >= 'a' && sb.data[0] <= 'z')
		sb.data[0] = (char)(sb.data[0] - 'a' + 'A');
	return sb.data;
}

static const char *latin_suffix(const char *cc, struct rng *r)
{
	if (!strcmp(cc, "MY")) return "Sdn Bhd";
	if (!strcmp(cc, "SG")) return "Pte Ltd";
	if (!strcmp(cc, "AE")) return pick(r, 2) ? "FZ-LLC" : "LLC";
	if (!strcmp(cc, "TR")) return pick(r, 2) ? "A.Ş." : "Ltd. Şti.";
	if (!strcmp(cc, "SA")) return "Co. Ltd";
	if (!strcmp(cc, "EG")) return "S.A.E.";
	if (!strcmp(cc, "DE")) return "GmbH";
	if (!strcmp(cc, "IR")) return "Co.";
	if (!strcmp(cc, "ID")) return "";
	return pick(r, 2) ? "Ltd" : "Inc.";
}

struct names {
	const char *legal, *display, *domain;
	enum script script;
};

/* `serial` keeps web and e-mail domains distinct in large data sets (from the 1000th
 * partner on), so only the planted twins share a domain. */
static void make_names(struct arena *a, struct rng *r, const struct city *c, int serial, struct names *n)
{
	int roll = pick(r, 100);
	const char *b = brand(a, r, latin_syl, N(latin_syl), true);
	n->domain = arena_printf(a, "%s%s%s.%s", str_lower(a, b), pick(r, 3) ? "" : "tech",
				 serial >= 1000 ? arena_printf(a, "%d", serial) : "",
				 !strcmp(c->country, "IR") ? "ir" : !strcmp(c->country, "MY") ? "com.my" : "com");
	if (roll < c->persian_pct) {
		n->script = PERSIAN;
		const char *core = arena_printf(a, "%s %s %s", ONE(r, fa_word), brand(a, r, fa_syl, N(fa_syl), false),
						ONE(r, fa_tail));
		n->display = core;
		n->legal = arena_printf(a, "%s%s", pick(r, 3) ? "شرکت " : "", core);
	} else if (roll < c->persian_pct + c->arabic_pct) {
		n->script = ARABIC;
		const char *core = arena_printf(a, "%s %s %s", ONE(r, ar_head), brand(a, r, ar_syl, N(ar_syl), false),
						ONE(r, ar_word));
		n->display = core;
		n->legal = arena_printf(a, "%s %s", pick(r, 2) ? "شركة" : "مؤسسة", core);
	} else {
		n->script = LATIN;
		const char *tail = ONE(r, latin_tail);
		const char *core = arena_printf(a, "%s %s%s%s", b, ONE(r, latin_word), *tail ? " " : "", tail);
		n->display = core;
		const char *sfx = latin_suffix(c->country, r);
		n->legal = !strcmp(c->country, "ID") ? arena_printf(a, "PT %s%s", core, pick(r, 4) ? "" : " Tbk")
						     : arena_printf(a, "%s %s", core, sfx);
	}
}

static void set_s(struct partner_input *in, enum pf_id f, const char *s)
{
	in->set[f] = true;
	in->v[f] = (struct pval){.s = s, .null = s == NULL};
}

static void set_i(struct partner_input *in, enum pf_id f, int64_t i)
{
	in->set[f] = true;
	in->v[f] = (struct pval){.i = i};
}

static void set_tags(struct arena *a, struct partner_input *in, enum pf_id f, struct rng *r,
		     const char *const *pool, int npool, int max)
{
	int n = 1 + pick(r, max);
	const char **tags = arena_alloc(a, sizeof *tags * (size_t)n);
	int k = 0;
	for (int i = 0; i < n; i++) {
		const char *t = pool[pick(r, npool)];
		bool dup = false;
		for (int j = 0; j < k; j++)
			dup = dup || strcmp(tags[j], t) == 0;
		if (!dup)
			tags[k++] = t;
	}
	/* stored sorted, as the API sorts them */
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && strcmp(tags[j - 1], tags[j]) > 0; j--) {
			const char *t = tags[j];
			tags[j] = tags[j - 1];
			tags[j - 1] = t;
		}
	in->set[f] = true;
	in->v[f] = (struct pval){.tags = tags, .ntags = (size_t)k};
}

static enum cb_status tier_id(struct cb_ctx *ctx, const char *name, int64_t *id)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id FROM tiers WHERE name = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, name);
	bool row;
	rc = db_step(st, &row);
	*id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc;
}

static enum cb_status add_user(struct cb_ctx *ctx, const char *email, const char *name, const char *role,
			       int64_t partner, struct demo_report *out, int64_t *id)
{
	struct user_new un = {.email = email, .name = name, .role = role, .partner_id = partner, .password = DEMO_PASSWORD};
	struct user u;
	enum cb_status rc = user_create(ctx, &un, &u);
	if (rc == CB_OK) {
		out->users++;
		if (id)
			*id = u.id;
	}
	return rc;
}

static const char *status_for(struct rng *r)
{
	int x = pick(r, 100);
	return x < 8 ? "prospect" : x < 14 ? "applied" : x < 22 ? "onboarding" : x < 90 ? "active" : x < 96 ? "suspended"
													       : "terminated";
}

enum cb_status demo_generate(struct cb_ctx *ctx, int npartners, uint64_t seed, bool users, struct demo_report *out)
{
	struct rng r = {seed * 7919 + 17};
	memset(out, 0, sizeof *out);
	enum cb_status rc = CB_OK;
	int64_t managers[4] = {0};
	if (users) {
		static const char *const cm[4][2] = {{"sara.karimi@demo.channelbase.local", "Sara Karimi"},
						     {"omar.haddad@demo.channelbase.local", "Omar Haddad"},
						     {"mei.tan@demo.channelbase.local", "Mei Ling Tan"},
						     {"emre.yilmaz@demo.channelbase.local", "Emre Yilmaz"}};
		for (int i = 0; i < 4 && rc == CB_OK; i++)
			rc = add_user(ctx, cm[i][0], cm[i][1], "channel_manager", 0, out, &managers[i]);
		if (rc == CB_OK)
			rc = add_user(ctx, "analyst@demo.channelbase.local", "Layla Nasser", "analyst", 0, out, NULL);
		if (rc == CB_OK)
			rc = add_user(ctx, "finance@demo.channelbase.local", "David Chen", "finance", 0, out, NULL);
		if (rc != CB_OK)
			return rc;
	}
	int64_t tier_ids[N(tiers)];
	for (int i = 0; i < N(tiers); i++)
		if ((rc = tier_id(ctx, tiers[i], &tier_ids[i])) != CB_OK)
			return rc;

	struct arena *keep = ctx->arena;
	/* Exactly npartners rows: the planted twins count towards the total. */
	for (int i = 0; out->partners + out->duplicates < npartners && rc == CB_OK; i++) {
		/* A short-lived arena per partner keeps memory flat for 100,000 partners. */
		struct arena *a = arena_new(16384);
		ctx->arena = a;
		errors_init(&ctx->errors, a);
		const struct city *c = &cities[i < N(cities) ? i : pick(&r, N(cities))];
		struct names nm;
		make_names(a, &r, c, i, &nm);
		struct partner_input in;
		memset(&in, 0, sizeof in);
		set_s(&in, PF_LEGAL_NAME, nm.legal);
		set_s(&in, PF_NAME, nm.display);
		set_s(&in, PF_TYPE, partner_types()[pick(&r, 8)]);
		set_s(&in, PF_MODEL, partner_models()[pick(&r, 3)]);
		set_s(&in, PF_STATUS, status_for(&r));
		int t = pick(&r, N(tiers));
		if (tier_ids[t])
			in.set[PF_TIER] = true, in.v[PF_TIER] = (struct pval){.i = tier_ids[t], .s = tiers[t]};
		set_s(&in, PF_SEGMENT, ONE(&r, segments));
		set_s(&in, PF_COUNTRY, c->country);
		set_s(&in, PF_REGION, c->region);
		set_s(&in, PF_CITY, c->name);
		set_s(&in, PF_ADDRESS, arena_printf(a, "%d %s Street, %s", 1 + pick(&r, 400),
						   nm.script == LATIN ? "Market" : "Central", c->name));
		set_i(&in, PF_LATITUDE, (int64_t)((c->lat + (pick(&r, 2000) - 1000) / 20000.0) * 1e6));
		set_i(&in, PF_LONGITUDE, (int64_t)((c->lon + (pick(&r, 2000) - 1000) / 20000.0) * 1e6));
		set_s(&in, PF_WEBSITE, arena_printf(a, "https://www.%s", nm.domain));
		set_s(&in, PF_EMAIL_DOMAIN, nm.domain);
		set_s(&in, PF_TAX_ID, arena_printf(a, "%s%09d", c->country, pick(&r, 1000000000)));
		set_s(&in, PF_PHONE, arena_printf(a, "%s %d %07d", c->phone_cc, 10 + pick(&r, 80), pick(&r, 10000000)));
		set_s(&in, PF_EMPLOYEES, ONE(&r, employees));
		set_s(&in, PF_DESCRIPTION, arena_printf(a, "%s partner in %s.", partner_types()[pick(&r, 8)], c->name));
		set_tags(a, &in, PF_INDUSTRIES, &r, industries, N(industries), 3);
		set_tags(a, &in, PF_SPECIALISATIONS, &r, specialisations, N(specialisations), 3);
		const char *langs[2] = {strcmp(c->lang, "en") ? c->lang : "en", "en"};
		in.set[PF_LANGUAGES] = true;
		in.v[PF_LANGUAGES] = (struct pval){.tags = langs, .ntags = strcmp(langs[0], "en") ? 2 : 1};
		if (in.v[PF_LANGUAGES].ntags == 2 && strcmp(langs[0], "en") > 0) {
			langs[0] = "en";
			langs[1] = c->lang;
		}
		if (managers[0])
			set_i(&in, PF_MANAGER, managers[pick(&r, 4)]);
		set_i(&in, PF_TECH_SCORE, pick(&r, 101));
		set_i(&in, PF_COMM_SCORE, pick(&r, 101));
		set_i(&in, PF_CURRENT_VALUE, pick(&r, 101));
		set_i(&in, PF_FUTURE_POTENTIAL, pick(&r, 101));
		set_s(&in, PF_ERP_ID, arena_printf(a, "ERP-%06llu-%d", (unsigned long long)(seed % 1000), i + 1));
		struct partner p;
		rc = partner_create(ctx, &in, &p);
		if (rc == CB_OK) {
			out->partners++;
			if (!out->first_partner_id)
				out->first_partner_id = p.id;
		}
		/* Contacts, territories and notes for the first 5,000 (the rest stay lean so the
		 * 100,000-partner bench data set builds quickly). */
		int ncontacts = i < 5000 ? 1 + pick(&r, 3) : 0;
		for (int k = 0; k < ncontacts && rc == CB_OK; k++) {
			const struct person *pp = nm.script == PERSIAN ? &fa_people[pick(&r, N(fa_people))]
						  : nm.script == ARABIC ? &ar_people[pick(&r, N(ar_people))]
									: &latin_people[pick(&r, N(latin_people))];
			static const char *const roles[] = {"owner", "sales", "technical", "finance"};
			struct contact_input ci = {.has_name = true, .name = arena_printf(a, "%s %s", pp->first, pp->last),
						   .title = k == 0 ? "Managing Director" : "Account Manager",
						   .email = arena_printf(a, "contact%d@%s", k + 1, nm.domain),
						   .phone = arena_printf(a, "%s %07d", c->phone_cc, pick(&r, 10000000)),
						   .role = roles[k % 4], .primary = k == 0};
			struct contact ct;
			if ((rc = contact_create(ctx, p.id, &ci, &ct)) == CB_OK)
				out->contacts++;
		}
		if (rc == CB_OK && i < 5000) {
			struct territory tt;
			if ((rc = territory_add(ctx, p.id, c->country, c->region, false, &tt)) == CB_OK)
				out->territories++;
		}
		int nnotes = i < 5000 ? pick(&r, 3) : 0;
		for (int k = 0; k < nnotes && rc == CB_OK; k++) {
			static const char *const kinds[] = {"visit", "call", "qbr", "email"};
			const char *text = nm.script == PERSIAN ? ONE(&r, notes_fa)
					   : nm.script == ARABIC ? ONE(&r, notes_ar)
					   : !strcmp(c->country, "MY") ? ONE(&r, notes_ms)
									: ONE(&r, notes_en);
			char day[21];
			clock_iso(clock_now() - 86400 * (int64_t)pick(&r, 300), day);
			day[10] = '\0';
			struct note nt;
			if ((rc = note_add(ctx, p.id, ONE(&r, kinds), day, text, &nt)) == CB_OK)
				out->notes++;
		}
		/* Every 97th partner gets a twin with a variant name: the duplicates to find. */
		if (rc == CB_OK && i % 97 == 5 && out->partners + out->duplicates < npartners) {
			struct partner_input tw = in;
			const char *variant = nm.script == LATIN ? arena_printf(a, "%s Ltd", str_lower(a, nm.display))
					      : nm.script == PERSIAN ? arena_printf(a, "شرکت %s", nm.display)
								     : arena_printf(a, "شركة %s", nm.display);
			set_s(&tw, PF_NAME, variant);
			set_s(&tw, PF_LEGAL_NAME, variant);
			set_s(&tw, PF_ERP_ID, arena_printf(a, "ERP-%06llu-%d-dup", (unsigned long long)(seed % 1000), i + 1));
			set_s(&tw, PF_STATUS, "prospect");
			struct partner p2;
			if ((rc = partner_create(ctx, &tw, &p2)) == CB_OK)
				out->duplicates++;
		}
		if (rc == CB_OK && users && i < 3) {
			static const char *const who[3] = {"pars", "gulf", "nusantara"};
			rc = add_user(ctx, arena_printf(a, "admin@%s.partner.demo", who[i]), nm.display, "partner_admin", p.id, out,
				      NULL);
			if (rc == CB_OK)
				rc = add_user(ctx, arena_printf(a, "sales@%s.partner.demo", who[i]), "Sales Rep", "partner_rep",
					      p.id, out, NULL);
		}
		if (rc != CB_OK) {
			/* keep the errors readable after the per-partner arena goes */
			keep = keep ? keep : a;
		}
		ctx->arena = keep;
		if (rc != CB_OK) {
			struct cb_errors saved = ctx->errors;
			errors_init(&ctx->errors, keep);
			for (size_t k = 0; k < saved.count; k++)
				errors_add(&ctx->errors, saved.items[k].field, "%s", saved.items[k].message);
		}
		arena_free(a);
	}
	errors_init(&ctx->errors, ctx->arena);
	return rc;
}
