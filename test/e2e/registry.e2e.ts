import { bearer, startTestApp, type TestApp } from './support/test-app';
import { certificateNumber, person } from './support/people';

describe('beneficiaries: registration, certificate numbers, re-assessment, search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);

  it('derives birth date, sex, category and grade from the certificate number', async () => {
    const body = person({ birthDate: '1990-03-07', category: 'physical', grade: 1 });
    const res = await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    expect(res.body).toMatchObject({
      certificateNumber: body.certificateNumber,
      birthDate: '1990-03-07',
      category: 'physical',
      grade: 1,
    });
    expect(['male', 'female']).toContain(res.body.sex);
    const got = await t.http.get(`/api/v1/beneficiaries/${body.certificateNumber}`).set(clerk()).expect(200);
    expect(got.body).toMatchObject({ name: body.name, township: body.township, birthDate: '1990-03-07', entitlements: [] });
  });

  it('refuses a certificate number with a bad check character, naming the field', async () => {
    const good = person().certificateNumber;
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0') + good.slice(18);
    const res = await t.http.post('/api/v1/beneficiaries').set(clerk()).send({ ...person(), certificateNumber: wrongCheck }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'certificateNumber' })]));
  });

  it('refuses a second registration of the same ID number with 409, whatever the certificate suffix', async () => {
    const body = person({ birthDate: '1970-01-01', category: 'visual', grade: 3 });
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    const sameId = body.certificateNumber.slice(0, 18) + '42';
    const res = await t.http.post('/api/v1/beneficiaries').set(clerk()).send({ ...body, certificateNumber: sameId }).expect(409);
    expect(res.body.detail).toContain(body.certificateNumber.slice(0, 6));
  });

  it('records a re-assessment; the old certificate number still resolves to the person', async () => {
    const body = person({ birthDate: '1975-05-05', category: 'physical', grade: 3 });
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    await t.http
      .post(`/api/v1/beneficiaries/${body.certificateNumber}/reassessment`)
      .set(clerk())
      .send({ category: 'physical', grade: 2, reason: '2024 re-assessment' })
      .expect(201);
    const newCert = body.certificateNumber.slice(0, 19) + '2';
    const viaOld = await t.http.get(`/api/v1/beneficiaries/${body.certificateNumber}`).set(clerk()).expect(200);
    const viaNew = await t.http.get(`/api/v1/beneficiaries/${newCert}`).set(clerk()).expect(200);
    expect(viaOld.body.certificateNumber).toBe(newCert);
    expect(viaNew.body.grade).toBe(2);
    const history = await t.http.get(`/api/v1/beneficiaries/${newCert}/history`).set(clerk()).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['BeneficiaryRegistered', 'BeneficiaryReassessed']);
    expect(history.body[1]).toMatchObject({ actor: 'clerk-li', reason: '2024 re-assessment' });
  });

  it('answers 404 for a certificate number nobody holds', async () => {
    const res = await t.http.get(`/api/v1/beneficiaries/${certificateNumber('1999-09-09', 999, 'speech', 4)}`).set(clerk()).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('searches by township and name, page by page', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(person({ township: '油坊店乡', name: `油坊店${i}号` })).expect(201);
    }
    const first = await t.http.get('/api/v1/beneficiaries?township=油坊店乡&limit=2').set(clerk()).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/v1/beneficiaries?township=油坊店乡&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(clerk())
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const byName = await t.http.get(`/api/v1/beneficiaries?q=${encodeURIComponent('油坊店1号')}`).set(clerk()).expect(200);
    expect(byName.body.items.map((i: { name: string }) => i.name)).toEqual(['油坊店1号']);
  });

  it('masks personal numbers in a history read by an auditor', async () => {
    const body = person();
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    const history = await t.http
      .get(`/api/v1/beneficiaries/${body.certificateNumber}/history`)
      .set(bearer(t.tokens.auditor!))
      .expect(200);
    const text = JSON.stringify(history.body);
    expect(text).not.toContain(body.bankAccount);
    expect(text).not.toContain(body.certificateNumber.slice(0, 18));
  });
});
