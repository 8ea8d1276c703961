/** Every address of the module in one place, so views and routes agree. */
export const paths = {
  catalogue: '/dienstverlening',
  item: (code: string) => `/dienstverlening/catalogus/${encodeURIComponent(code)}`,
  newItem: '/dienstverlening/catalogus/nieuw',
  editItem: (code: string) => `/dienstverlening/catalogus/${encodeURIComponent(code)}/bewerken`,
  governments: '/dienstverlening/besturen',
  government: (id: string) => `/dienstverlening/besturen/${id}`,
  package: (id: string, year: number) => `/dienstverlening/besturen/${id}/basispakket/${year}`,
  contact: (id: string) => `/dienstverlening/besturen/${id}/aanspreekpersoon`,
  contactLog: (id: string) => `/dienstverlening/besturen/${id}/contacten`,
  contactLogCsv: (id: string) => `/dienstverlening/besturen/${id}/contacten/export`,
  newRequest: (id: string) => `/dienstverlening/besturen/${id}/vragen/nieuw`,
  requests: '/dienstverlening/vragen',
  requestsCsv: '/dienstverlening/vragen/export',
  request: (id: string) => `/dienstverlening/vragen/${id}`,
  reply: (id: string) => `/dienstverlening/vragen/${id}/antwoord`,
  agency: (agency: string, year: number) => `/dienstverlening/agentschappen/${agency}/${year}`,
  agencyExport: (agency: string, year: number, table: string) =>
    `/dienstverlening/agentschappen/${agency}/${year}/export/${table}`,
  agencySettings: (agency: string, year: number) =>
    `/dienstverlening/agentschappen/${agency}/${year}/instellingen`,
  myPortfolio: '/dienstverlening/portefeuille',
  portfolio: (userId: string) => `/dienstverlening/aanspreekpersonen/${userId}`,
  portfolioCsv: (userId: string) => `/dienstverlening/aanspreekpersonen/${userId}/export`,
};
